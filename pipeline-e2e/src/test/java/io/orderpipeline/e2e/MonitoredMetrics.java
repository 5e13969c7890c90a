package io.orderpipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.orderpipeline.stack.Binder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names the repository's monitoring files name: every PromQL expression of the Grafana dashboards
 * ({@code docker/grafana/dashboards/*.json}, each {@code "expr"} field) and of the alert rules
 * ({@code docker/prometheus/rules.yml}, each {@code expr:} line; the rules keep an expression on one line), and
 * which of them a stack on a given binder must export.
 *
 * <p>A name is an identifier of the expression that is not a function (followed by {@code (}), an aggregation
 * clause ({@code by (...)}, {@code without (...)}, ...), a keyword, a label matcher ({@code {...}}), a range
 * ({@code [5m]}), a string or a number. Binder-specific names: the RabbitMQ plugin's ({@code rabbitmq_*}) and the
 * services' RabbitMQ-only and Kafka-only meters ({@link #RABBIT_ONLY}, {@link #KAFKA_ONLY}); {@code up} is
 * Prometheus' own.
 */
final class MonitoredMetrics {

    /** Exported only on the RabbitMQ binder: the backlog gauge and the Rabbit listener observation. */
    static final Set<String> RABBIT_ONLY = Set.of("pipeline_backlog_messages", "spring_rabbit_listener_seconds_count",
            "spring_rabbit_listener_seconds_sum", "spring_rabbit_listener_seconds_max");

    /** Exported only on the Kafka binder: the binder's lag gauge and the Kafka listener observation. */
    static final Set<String> KAFKA_ONLY = Set.of("spring_cloud_stream_binder_kafka_offset",
            "spring_kafka_listener_seconds_count", "spring_kafka_listener_seconds_sum",
            "spring_kafka_listener_seconds_max");

    /** Series Prometheus makes itself, per target. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");

    /** The prefix of the names exported by RabbitMQ's rabbitmq_prometheus plugin (broker-only). */
    static final String RABBITMQ_PLUGIN_PREFIX = "rabbitmq_";

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "inf", "nan");
    private static final Pattern CLAUSE = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern RULE_EXPR = Pattern.compile("^\\s*expr:\\s*(.+)$");

    private MonitoredMetrics() {
    }

    /** @return every metric name the dashboards and the rules of the repository at {@code repo} name, sorted */
    static Set<String> named(Path repo) {
        Set<String> names = new TreeSet<>();
        expressions(repo).forEach(expression -> names.addAll(namesIn(expression)));
        return names;
    }

    /**
     * @return the names a stack on {@code binder} must export: from its services, and on RabbitMQ from the
     *         broker's plugin too (the {@code rabbitmq_*} names); not {@link #PROMETHEUS_OWN}
     */
    static Set<String> expectedOn(Binder binder, Path repo) {
        Set<String> names = new TreeSet<>(named(repo));
        names.removeAll(PROMETHEUS_OWN);
        if (binder == Binder.RABBIT) {
            names.removeAll(KAFKA_ONLY);
        } else {
            names.removeAll(RABBIT_ONLY);
            names.removeIf(name -> name.startsWith(RABBITMQ_PLUGIN_PREFIX));
        }
        return names;
    }

    /** @return the PromQL expressions of the dashboards and the rules */
    static List<String> expressions(Path repo) {
        try {
            Stream<String> dashboards;
            try (Stream<Path> files = Files.list(repo.resolve("docker/grafana/dashboards"))) {
                dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream()
                        .flatMap(file -> dashboardExpressions(file).stream());
            }
            Stream<String> rules = Files.readAllLines(repo.resolve("docker/prometheus/rules.yml")).stream()
                    .map(RULE_EXPR::matcher)
                    .filter(Matcher::matches)
                    .map(m -> m.group(1).strip());
            List<String> all = Stream.concat(dashboards, rules).toList();
            all.stream().filter(e -> e.equals("|") || e.equals(">") || e.startsWith("|-") || e.startsWith(">-"))
                    .findAny().ifPresent(e -> {
                        throw new IllegalStateException("rules.yml: keep each expr on one line, not a block scalar");
                    });
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> dashboardExpressions(Path file) {
        try {
            JsonNode dashboard = JsonMapper.shared().readTree(Files.readString(file));
            return dashboard.findValues("expr").stream().map(JsonNode::asString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the metric names one PromQL expression names */
    static Set<String> namesIn(String expression) {
        String stripped = expression
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", " ")
                .replaceAll("'(\\\\.|[^'\\\\])*'", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ");
        stripped = CLAUSE.matcher(stripped).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(stripped);
        while (matcher.find()) {
            String name = matcher.group();
            int next = matcher.end();
            while (next < stripped.length() && stripped.charAt(next) == ' ') {
                next++;
            }
            boolean function = next < stripped.length() && stripped.charAt(next) == '(';
            boolean number = matcher.start() > 0 && Character.isDigit(stripped.charAt(matcher.start() - 1));
            if (!function && !number && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }
}
