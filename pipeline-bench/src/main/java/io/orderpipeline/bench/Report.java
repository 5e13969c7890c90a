package io.orderpipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import io.orderpipeline.faults.books.Books;
import io.orderpipeline.messaging.contract.Topology.Subscription;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes {@code report.md} and the PNG charts of one bench run into its output folder. Every pipeline
 * figure is also given as a ratio to the baseline of the same run ({@code pipeline / baseline}).
 */
final class Report {

    /** Everything one binder's part of the run produced; absent parts were not run. */
    record BinderResults(Binder binder, Optional<Baselines.Figure> brokerBaseline, Optional<Scenarios.Burst> burst,
            Optional<Scenarios.Steady> steady, List<double[]> scale, List<String> notes) {
    }

    private final Path out;
    private final StringBuilder md = new StringBuilder();

    Report(Path out) {
        this.out = out;
    }

    /** Writes the report; returns its path. */
    Path write(String command, Map<String, String> settings, Optional<Baselines.Figure> database,
            List<BinderResults> binders) throws IOException {
        Files.createDirectories(out);
        line("# Pipeline benchmark " + Instant.now());
        line("");
        line("Command: `" + command + "`");
        line("");
        line("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, load average at the end "
                + String.format(Locale.ROOT, "%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage()) + ". Everything (broker, database, five services, load generator) shares it:"
                + " compare runs by the ratios to the baselines, not by absolute figures.");
        line("");
        line("| setting | value |");
        line("| --- | --- |");
        settings.forEach((key, value) -> line("| " + key + " | " + value + " |"));
        line("");
        line("## Baselines (same run)");
        line("");
        line("| baseline | rate | detail |");
        line("| --- | ---: | --- |");
        List<Baselines.Figure> figures = new ArrayList<>();
        binders.forEach(b -> b.brokerBaseline().ifPresent(figures::add));
        database.ifPresent(figures::add);
        figures.forEach(f -> line("| " + f.name() + " | " + rate(f.perSecond()) + " " + f.unit() + " | " + f.detail() + " |"));
        for (BinderResults results : binders) {
            line("");
            line("## " + results.binder().profile());
            results.burst().ifPresent(burst -> burst(results, burst, database));
            results.steady().ifPresent(steady -> steady(results, steady, database));
            if (!results.scale().isEmpty()) {
                scale(results);
            }
            results.notes().forEach(note -> line("- " + note));
        }
        Path file = out.resolve("report.md");
        Files.writeString(file, md);
        return file;
    }

    private void burst(BinderResults results, Scenarios.Burst burst, Optional<Baselines.Figure> database) {
        OpenLoad.Result load = burst.load();
        Histogram latency = load.latencyMicros();
        line("");
        line("### burst: " + burst.orders() + " orders offered at " + rate(burst.offeredRate()) + "/s");
        line("");
        line("| figure | value | ratio to broker baseline | ratio to DB baseline |");
        line("| --- | ---: | ---: | ---: |");
        line("| accept rate (HTTP 202/s, first scheduled to last answer) | " + rate(load.acceptRate()) + " | "
                + ratio(load.acceptRate(), results.brokerBaseline()) + " | " + ratio(load.acceptRate(), database) + " |");
        line("| accept latency p50 / p95 / p99 / max (ms, from the scheduled time) | " + ms(latency, 50) + " / "
                + ms(latency, 95) + " / " + ms(latency, 99) + " / " + String.format(Locale.ROOT, "%.1f", latency.getMaxValue() / 1000.0)
                + " | | |");
        burst.processingRate().forEach((service, perSecond) -> line("| processed/s " + service.id() + " (while busy) | "
                + rate(perSecond) + " | " + ratio(perSecond, results.brokerBaseline()) + " | " + ratio(perSecond, database) + " |"));
        burst.batches().forEach((service, batches) -> line("| batch consumers " + service.id()
                + ": records per batch, mean (batches) | " + String.format(Locale.ROOT, "%.1f (%,d)", batches.meanSize(),
                batches.batches()) + " | | |"));
        line("| peak backlog, all bindings (messages) | " + burst.samples().stream()
                .mapToLong(s -> Backlog.total(s.backlog())).max().orElse(0) + " | | |");
        line("| peak unsent outbox rows (order-service) | " + burst.samples().stream()
                .mapToLong(Timeline.Sample::unsentOutbox).max().orElse(0) + " | | |");
        line("| time to drain after the last answer (s) | " + String.format(Locale.ROOT, "%.1f", burst.drainSeconds())
                + (burst.drained() ? "" : " (NOT drained: timeout)") + " | | |");
        line("");
        Books.Totals a = burst.accounting();
        line("Accounting (warm-up included): accepted " + burst.accepted() + " (" + burst.warmupAccepted()
                + " in the warm-up), refused/failed " + load.failed() + " " + load.statuses()
                + (burst.unanswered() > 0 ? " (-1: no answer within the client's 30 s timeout; the order service may"
                        + " still have stored such an order, so those are counted neither as lost nor as duplicates)" : "")
                + "; orders stored " + a.orders() + ", final " + a.finalOrders() + " (confirmed " + a.confirmed()
                + ", rejected " + a.rejected() + ", pending " + a.pending() + "); stock decisions " + a.stockDecisions()
                + ", points entries " + a.pointsEntries() + ", SMS " + a.notifications() + ", coupons " + a.coupons()
                + " for " + a.couponCustomers() + " customers. " + (burst.drained()
                        ? "**lost " + burst.lost() + ", duplicates " + burst.duplicates() + "**."
                        : "**not settled within the drain timeout: " + burst.lost() + " effects still missing"
                                + " (in flight or lost: run longer to tell), duplicates " + burst.duplicates() + "**."));
        line("");
        String chart = "burst-" + results.binder().profile() + ".png";
        burstChart(results.binder(), burst, out.resolve(chart));
        line("![burst on " + results.binder().profile() + "](" + chart + ")");
        line("");
        line("Backlog per binding, sampled every second: `burst-" + results.binder().profile() + "-timeline.csv`.");
        timelineCsv(burst, out.resolve("burst-" + results.binder().profile() + "-timeline.csv"));
        cpu(burst);
    }

    /** Where the CPU went from the first request of the burst to the end of the drain: the budget per order. */
    private void cpu(Scenarios.Burst burst) {
        CpuUsage.Window cpu = burst.cpu();
        long orders = burst.load().accepted();
        line("");
        line("CPU from the burst's first request to the end of the drain (" + String.format(Locale.ROOT, "%.1f",
                cpu.wallSeconds()) + " s, " + cpu.cores() + " CPUs): the processes used "
                + String.format(Locale.ROOT, "%.1f", cpu.totalCpuSeconds()) + " CPU s, "
                + String.format(Locale.ROOT, "%.0f %%", 100 * cpu.utilisation()) + " of the machine.");
        line("");
        line("| process | CPU s | CPU ms per accepted order | share of the CPU used | of it JIT compiler | of it GC + VM thread |");
        line("| --- | ---: | ---: | ---: | ---: | ---: |");
        double jit = 0;
        double gc = 0;
        for (Map.Entry<String, Double> entry : cpu.cpuSeconds().entrySet()) {
            String process = entry.getKey();
            double seconds = entry.getValue();
            boolean split = cpu.threadSeconds().containsKey(process);
            double processJit = cpu.threadSeconds(process, CpuUsage.ThreadKind.JIT);
            double processGc = cpu.threadSeconds(process, CpuUsage.ThreadKind.GC);
            jit += processJit;
            gc += processGc;
            line("| " + process + " | " + String.format(Locale.ROOT, "%.1f", seconds) + " | "
                    + String.format(Locale.ROOT, "%.2f", orders == 0 ? 0 : 1000 * seconds / orders) + " | "
                    + share(seconds, cpu.totalCpuSeconds()) + " | "
                    + (split ? share(processJit, seconds) : "") + " | " + (split ? share(processGc, seconds) : "") + " |");
        }
        line("| **all** | " + String.format(Locale.ROOT, "%.1f", cpu.totalCpuSeconds()) + " | "
                + String.format(Locale.ROOT, "%.2f", orders == 0 ? 0 : 1000 * cpu.totalCpuSeconds() / orders)
                + " | 100 % | " + share(jit, cpu.totalCpuSeconds()) + " | " + share(gc, cpu.totalCpuSeconds()) + " |");
        line("");
        line("JIT compiler and GC columns: the CPU of those JVM threads (Linux /proc), as a share of the process's CPU"
                + " (of all processes' CPU in the last row).");
        if (!burst.serverStatements().isEmpty() && orders > 0) {
            line("");
            StringBuilder perOrder = new StringBuilder("Database server, same window, per accepted order (SHOW GLOBAL STATUS,"
                    + " server-wide: the load generator's sampling queries included):");
            burst.serverStatements().forEach((name, count) -> perOrder.append(' ').append(name).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f", (double) count / orders)).append(','));
            perOrder.setLength(perOrder.length() - 1);
            line(perOrder + ".");
        }
    }

    private static String share(double part, double whole) {
        return String.format(Locale.ROOT, "%.0f %%", whole == 0 ? 0 : 100 * part / whole);
    }

    private void steady(BinderResults results, Scenarios.Steady steady, Optional<Baselines.Figure> database) {
        line("");
        line("### steady");
        line("");
        line("Each step offers its rate for the step's length; it is bounded when at least 95 % was accepted and at its"
                + " end the messages waiting and the orders not yet final are at most 5 seconds' worth of the rate.");
        line("");
        line("| offered/s | accepted/s | backlog at end | pending at end | bounded |");
        line("| ---: | ---: | ---: | ---: | --- |");
        steady.steps().forEach(step -> line("| " + rate(step.rate()) + " | " + rate(step.acceptRate()) + " | "
                + step.backlogAtEnd() + " | " + step.pendingAtEnd() + " | " + (step.bounded() ? "yes" : "no") + " |"));
        line("");
        line("Highest sustained rate: **" + rate(steady.sustainedRate()) + " orders/s** (ratio to broker baseline "
                + ratio(steady.sustainedRate(), results.brokerBaseline()) + ", to DB baseline "
                + ratio(steady.sustainedRate(), database) + ").");
        Histogram e2e = steady.endToEndMicros();
        if (e2e.getTotalCount() > 0) {
            line("End-to-end (order created_at → points credited_at) at half that rate, " + e2e.getTotalCount()
                    + " orders: p50 " + ms(e2e, 50) + " ms, p95 " + ms(e2e, 95) + " ms, p99 " + ms(e2e, 99) + " ms, mean "
                    + String.format(Locale.ROOT, "%.1f", e2e.getMean() / 1000) + " ms, max " + ms(e2e, 100)
                    + " ms. The timestamps come from the services' own clocks (one machine) as stored in DATETIME(6)"
                    + (EndToEnd.WHOLE_SECONDS.equals(e2e.getTag())
                            ? "; here every one was whole seconds (MySQL Connector/J sends no fractional seconds to a"
                                    + " MariaDB server, which announces itself as 5.5.5-...; --jdbc-driver mariadb avoids"
                                    + " it), so the percentiles are multiples of 1,000 ms, while the mean of such"
                                    + " differences still estimates the mean latency (both ends truncated alike)."
                            : ", with their fractional seconds."));
        }
    }

    private void scale(BinderResults results) {
        line("");
        line("### scale (drain rate of an uncapped burst, by consumer concurrency)");
        line("");
        line("| concurrency | inventory processed/s | points processed/s | drain s |");
        line("| ---: | ---: | ---: | ---: |");
        results.scale().forEach(p -> line("| " + (int) p[0] + " | " + rate(p[1]) + " | " + rate(p[2]) + " | "
                + String.format(Locale.ROOT, "%.1f", p[3]) + " |"));
    }

    /** Accepted/s, processed/s (inventory, points) and backlog on one timeline, backlog on the right axis. */
    static void burstChart(Binder binder, Scenarios.Burst burst, Path file) {
        List<Timeline.Sample> samples = burst.samples();
        XYChart chart = new XYChartBuilder().width(1100).height(550)
                .title("burst on " + binder.profile() + ": " + burst.orders() + " orders offered at "
                        + rate(burst.offeredRate()) + "/s")
                .xAxisTitle("seconds since the first order").yAxisTitle("orders or messages per second (solid)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(0);
        chart.setYAxisGroupTitle(1, "backlog, messages waiting (dashed)");
        double[] x = samples.stream().mapToDouble(Timeline.Sample::second).toArray();
        if (x.length == 0) {
            x = new double[] {0};
        }
        addSeries(chart, "accepted/s", x, samples.stream().mapToDouble(Timeline.Sample::accepted).toArray(), 0);
        for (Component service : List.of(Component.INVENTORY_SERVICE, Component.POINTS_SERVICE, Component.SMS_SERVICE)) {
            double[] perSecond = new double[samples.size()];
            long before = 0;
            for (int i = 0; i < samples.size(); i++) {
                long soFar = samples.get(i).processedSoFar().getOrDefault(service, 0L);
                perSecond[i] = soFar - before;
                before = soFar;
            }
            addSeries(chart, "processed/s " + service.id().replace("-service", ""), x, perSecond, 0);
        }
        addSeries(chart, "backlog order outbox (unsent)", x,
                samples.stream().mapToDouble(Timeline.Sample::unsentOutbox).toArray(), 1);
        for (Subscription binding : List.of(Backlog.BINDINGS.get(0), Backlog.BINDINGS.get(2), Backlog.BINDINGS.get(3))) {
            addSeries(chart, "backlog " + Backlog.label(binding), x,
                    samples.stream().mapToDouble(s -> Math.max(0, s.backlog().getOrDefault(binding, 0L))).toArray(), 1);
        }
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void addSeries(XYChart chart, String name, double[] x, double[] y, int axis) {
        double[] ys = y.length == 0 ? new double[] {0} : y;
        XYSeries series = chart.addSeries(name, x.length == ys.length ? x : new double[] {0}, x.length == ys.length ? ys : new double[] {0});
        series.setMarker(SeriesMarkers.NONE);
        series.setYAxisGroup(axis);
        if (axis == 1) {
            series.setLineStyle(SeriesLines.DASH_DASH);
        }
    }

    private static void timelineCsv(Scenarios.Burst burst, Path file) {
        StringBuilder csv = new StringBuilder("second,accepted");
        Component.services().forEach(s -> csv.append(",processed_so_far_").append(s.id()));
        Backlog.BINDINGS.forEach(b -> csv.append(",backlog_").append(b.destination().name()).append('_').append(b.group()));
        csv.append(",unsent_outbox_order-service\n");
        for (Timeline.Sample sample : burst.samples()) {
            csv.append(sample.second()).append(',').append(sample.accepted());
            Component.services().forEach(s -> csv.append(',').append(sample.processedSoFar().getOrDefault(s, 0L)));
            Backlog.BINDINGS.forEach(b -> csv.append(',').append(sample.backlog().getOrDefault(b, -1L)));
            csv.append(',').append(sample.unsentOutbox()).append('\n');
        }
        try {
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String ratio(double value, Optional<Baselines.Figure> baseline) {
        OptionalDouble ratio = Baselines.ratio(value, baseline);
        return ratio.isPresent() ? String.format(Locale.ROOT, "%.3f", ratio.getAsDouble()) : "n/a";
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String ms(Histogram micros, double percentile) {
        return String.format(Locale.ROOT, "%.1f", micros.getValueAtPercentile(percentile) / 1000.0);
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
