package io.orderpipeline.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.orderpipeline.stack.Stack;
import io.orderpipeline.stack.StackException;
import picocli.CommandLine.Option;

/** Where the repository and a stack's state are: the options every command takes ({@code --repo}, {@code --state-dir}). */
final class StackLocation {

    @Option(names = "--repo", description = "repository root holding the service jars (default: $PIPELINE_HOME, else the root this jar was built in)")
    Path repo;

    @Option(names = "--state-dir", description = "PID files, logs, data and the admin password of the stack (default: <repo>/.pipeline;"
            + " faults: <repo>/.pipeline/faults-<binder>; bench: <out>/stack)")
    Path stateDir;

    /** @return {@code --repo}, else {@code $PIPELINE_HOME}, else the root this jar was built in, else the working directory */
    Path repoRoot() {
        if (repo != null) {
            return repo.toAbsolutePath().normalize();
        }
        String home = System.getenv("PIPELINE_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        return builtIn().orElse(Path.of("").toAbsolutePath());
    }

    /** @return {@code --state-dir}, else {@code fallback} */
    Path stateDir(Path fallback) {
        return stateDir != null ? stateDir.toAbsolutePath().normalize() : fallback;
    }

    /** @return {@code --state-dir}, else {@code <repo>/.pipeline}, the state of {@code pipeline up} */
    Path stateDir() {
        return stateDir(repoRoot().resolve(".pipeline"));
    }

    /** @return the stack a previous {@code up} recorded in the state directory */
    Optional<Stack> find() {
        return Stack.attach(repoRoot(), stateDir());
    }

    /** @throws StackException when no stack was started in the state directory */
    Stack attached() {
        return find().orElseThrow(() -> new StackException("no stack was started in " + stateDir() + "; run: pipeline up"));
    }

    /** The jar (or classes directory) lives at {@code <repo>/pipeline-cli/target/...}. */
    private static Optional<Path> builtIn() {
        try {
            Path location = Path.of(StackLocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Optional.ofNullable(location.getParent())
                    .map(Path::getParent)
                    .map(Path::getParent)
                    .filter(root -> Files.exists(root.resolve("pom.xml")));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
