package io.orderpipeline.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AdminPasswordTest {

    @TempDir
    Path stateDir;

    @Test
    void generatesAPasswordOnceAndKeepsItReadableByTheOwnerOnly() throws Exception {
        String first = AdminPassword.ensure(stateDir, null);
        String second = AdminPassword.ensure(stateDir, "");

        assertThat(first).hasSize(24).isEqualTo(second);
        assertThat(AdminPassword.read(stateDir)).contains(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(AdminPassword.file(stateDir))))
                .isEqualTo("rw-------");
    }

    @Test
    void takesThePasswordFromTheEnvironmentWhenSet() {
        AdminPassword.ensure(stateDir, null);

        assertThat(AdminPassword.ensure(stateDir, "from-env")).isEqualTo("from-env");
        assertThat(AdminPassword.read(stateDir)).contains("from-env");
    }
}
