package io.orderpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The password of the services' actuator admin user ({@code PIPELINE_ADMIN_PASSWORD}; the user is {@code admin}
 * unless {@code PIPELINE_ADMIN_USER} says otherwise), kept in {@code <state>/admin-password} with mode 600 so
 * the CLI can call the protected endpoints ({@code /actuator/metrics}, {@code /actuator/bindings}) of the stack it
 * started. Health and Prometheus stay open and need no password.
 */
public final class AdminPassword {

    /** The environment variable the services read, and that overrides the generated password. */
    public static final String VARIABLE = "PIPELINE_ADMIN_PASSWORD";

    static final String FILE_NAME = "admin-password";

    private AdminPassword() {
    }

    /** @return where the password of the stack in {@code stateDir} is kept */
    public static Path file(Path stateDir) {
        return stateDir.resolve(FILE_NAME);
    }

    /** @return the kept password of the stack in {@code stateDir}; empty before its first {@code up} */
    public static Optional<String> read(Path stateDir) {
        Path file = file(stateDir);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * @param stateDir the stack's state directory
     * @param fromEnv  {@code PIPELINE_ADMIN_PASSWORD} of the caller's environment, may be null or blank
     * @return {@code fromEnv} when set, else the kept password, else a new random one (24 URL-safe characters);
     *         whichever it is, kept in {@link #file(Path)} with mode 600
     */
    static String ensure(Path stateDir, String fromEnv) {
        String password = fromEnv != null && !fromEnv.isBlank() ? fromEnv
                : read(stateDir).filter(p -> !p.isEmpty()).orElseGet(AdminPassword::generate);
        Path file = file(stateDir);
        try {
            Files.createDirectories(stateDir);
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(file, password + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return password;
    }

    private static String generate() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
