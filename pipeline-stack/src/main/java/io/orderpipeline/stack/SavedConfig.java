package io.orderpipeline.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A {@link StackConfig} as {@code <state>/stack.properties}: what a later invocation ({@code pipeline status}, {@code
 * start}, {@code down}, in another JVM) needs to manage the processes of the same stack.
 */
final class SavedConfig {

    private SavedConfig() {
    }

    /** The settings a later invocation needs to run one more process of the same stack. */
    static Properties toProperties(StackConfig config) {
        Properties properties = new Properties();
        properties.setProperty("binder", config.binder().name());
        properties.setProperty("database", config.database().name());
        properties.setProperty("servicePortBase", Integer.toString(config.servicePortBase()));
        properties.setProperty("kafkaPort", Integer.toString(config.kafkaPort()));
        properties.setProperty("kafkaControllerPort", Integer.toString(config.kafkaControllerPort()));
        properties.setProperty("healthTimeoutSeconds", Long.toString(config.healthTimeout().toSeconds()));
        properties.setProperty("serviceJvmOptions", String.join(" ", config.serviceJvmOptions()));
        properties.setProperty("bindAddress", config.bindAddress());
        properties.setProperty("cluster", Boolean.toString(config.cluster()));
        properties.setProperty("rabbitClusterPort", Integer.toString(config.rabbitClusterPort()));
        config.tools().forEach((tool, port) -> properties.setProperty("tool." + tool.id(), Integer.toString(port)));
        config.extraEnv().forEach((component, vars) ->
                vars.forEach((key, value) -> properties.setProperty("env." + component.id() + "." + key, value)));
        return properties;
    }

    /** @throws NumberFormatException, IllegalArgumentException or NullPointerException when the file was edited into nonsense */
    static StackConfig fromProperties(Path repoRoot, Path stateDir, Properties properties) {
        StackConfig.Builder builder = StackConfig.builder(repoRoot)
                .stateDir(stateDir)
                .binder(Binder.valueOf(properties.getProperty("binder")))
                .database(Database.valueOf(properties.getProperty("database")))
                .servicePortBase(Integer.parseInt(properties.getProperty("servicePortBase")))
                .kafkaPorts(Integer.parseInt(properties.getProperty("kafkaPort")),
                        Integer.parseInt(properties.getProperty("kafkaControllerPort")))
                .healthTimeout(Duration.ofSeconds(Long.parseLong(properties.getProperty("healthTimeoutSeconds"))))
                .serviceJvmOptions(List.of(properties.getProperty("serviceJvmOptions").split(" ")))
                .bindAddress(properties.getProperty("bindAddress", StackConfig.LOOPBACK))
                .cluster(Boolean.parseBoolean(properties.getProperty("cluster", "false")))
                .rabbitClusterPort(Integer.parseInt(properties.getProperty("rabbitClusterPort", "5680")));
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("tool.")) {
                builder.tool(Component.parse(name.substring("tool.".length())), Integer.parseInt(properties.getProperty(name)));
            }
            if (name.startsWith("env.")) {
                String rest = name.substring("env.".length());
                int dot = rest.indexOf('.');
                builder.env(Component.parse(rest.substring(0, dot)), rest.substring(dot + 1), properties.getProperty(name));
            }
        }
        return builder.build();
    }
}
