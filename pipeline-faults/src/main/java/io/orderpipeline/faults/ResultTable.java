package io.orderpipeline.faults;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** Prints scenario results as a Markdown table (so it can go into the README as it is). */
public final class ResultTable {

    private ResultTable() {
    }

    public static void print(List<ScenarioResult> results, PrintWriter out) {
        out.println("| binder | scenario | orders (202/sent) | final | lost | duplicate effects | contradictions"
                + " | dead-lettered (expected) | drain | result |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (ScenarioResult r : results) {
            out.printf("| %s | %s | %d/%d | %d | %d | %d | %d | %d (%d) | %s | %s |%n", r.binder(), r.scenario(),
                    r.accepted(), r.attempted(), r.finalOrders(), r.lost(), r.duplicates(), r.contradictions(),
                    r.deadLettered(), r.expectedDead(), drain(r.drain()), r.passed() ? "PASS" : "**FAIL**");
        }
        out.flush();
    }

    static String drain(Duration drain) {
        return drain == null ? "not drained" : String.format("%.1f s", drain.toMillis() / 1000.0);
    }
}
