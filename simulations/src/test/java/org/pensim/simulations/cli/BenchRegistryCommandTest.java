package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A short registry benchmark runs end to end and prints its table, with the global-screening backlog. */
class BenchRegistryCommandTest {

    @Test
    void a_short_run_with_varied_consignees_prints_rates_latencies_and_the_backlog() {
        CliRun r = CliRun.of("bench-registry", "--members", "1", "--exporters", "3", "--concurrency", "4", "--warmup", "0",
                "--duration", "4", "--consignees", "5", "--registry-heap", "768");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("accepted/s").contains("backlog")
                .containsPattern("members 1, exporters 3, concurrency 4, 4 s: [1-9][0-9]* accepted/s, p50 [0-9.]+ ms, "
                        + "p99 [0-9.]+ ms, max [0-9.]+ ms, 0 failed, 0 deferred \\(503; 0 in the measured window\\)")
                .doesNotContain("NOTE: the registry pushed back");
        java.util.regex.Matcher cpu = java.util.regex.Pattern.compile("(?m)^registry CPU per notification: ([0-9.]+) ms$")
                .matcher(r.out());
        assertThat(cpu.find()).as(r.out()).isTrue();
        // The registry verifies twice, validates, signs a receipt and stores: over 0.1 ms, far under a second.
        assertThat(Double.parseDouble(cpu.group(1))).isBetween(0.1, 1000.0);
        // What drives that CPU: compilation still under way, and the cluster operations of a notification (it takes
        // several: the claim, the record, the inbox, the screening queue and windows), never none.
        java.util.regex.Matcher compiling = java.util.regex.Pattern.compile("(?m)^  of which JIT compilation: ([0-9.]+) ms")
                .matcher(r.out());
        assertThat(compiling.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(compiling.group(1))).isNotNegative();
        java.util.regex.Matcher operations = java.util.regex.Pattern
                .compile("(?m)^  Hazelcast operations per notification: ([0-9.]+) ").matcher(r.out());
        assertThat(operations.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(operations.group(1))).isBetween(3.0, 200.0);
        java.util.regex.Matcher pauses = java.util.regex.Pattern.compile("(?m)^  of which the collector's pauses: ([0-9.]+) ms")
                .matcher(r.out());
        assertThat(pauses.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(pauses.group(1))).isNotNegative();
        // The heap the registry's process holds: some, and no more than its limit.
        java.util.regex.Matcher heap = java.util.regex.Pattern.compile("(?m)^  registry heap in use at the end: ([0-9]+) of ([0-9]+) MB")
                .matcher(r.out());
        assertThat(heap.find()).as(r.out()).isTrue();
        assertThat(Long.parseLong(heap.group(1))).isPositive().isLessThanOrEqualTo(Long.parseLong(heap.group(2)));
        // The registry's process got the heap asked for, not the default of 2 GB.
        assertThat(Long.parseLong(heap.group(2))).isBetween(700L, 768L);
        java.util.regex.Matcher driver = java.util.regex.Pattern.compile("(?m)^driver CPU per notification: ([0-9.]+) ms")
                .matcher(r.out());
        assertThat(driver.find()).as(r.out()).isTrue();
        // The driver signs each notification and each request: measured in its own process, so above zero.
        assertThat(Double.parseDouble(driver.group(1))).isBetween(0.01, 1000.0);
    }

    @Test
    void with_a_small_screening_bound_the_registry_pushes_back_and_its_backlog_stays_bounded() {
        // Every notification of this traffic is flagged globally (one importer, three exporting countries):
        // screening costs more than accepting, so a bound of 2 is passed at once by 16 requests in flight.
        CliRun r = CliRun.of("bench-registry", "--members", "1", "--exporters", "3", "--concurrency", "16", "--warmup", "0",
                "--duration", "6", "--max-screening-backlog", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "[1-9][0-9]* accepted/s, .*, 0 failed, ([1-9][0-9]*) deferred \\(503; ([1-9][0-9]*) in the measured window\\), "
                        + "global screening backlog ([0-9]+)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        // With no warm-up every refusal is in the window, and the run says its figures are not the steady state.
        assertThat(m.group(2)).isEqualTo(m.group(1));
        assertThat(r.out()).contains("NOTE: the registry pushed back " + m.group(2) + " times in the measured window");
        // The bound is checked as a request arrives: at most the bound plus the requests in flight wait.
        assertThat(Integer.parseInt(m.group(3))).isLessThanOrEqualTo(2 + 16);
    }

    @Test
    void a_negative_number_of_consignees_is_one_line_and_exit_1() {
        CliRun r = CliRun.of("bench-registry", "--consignees", "-1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("--consignees must be 0 or more, was -1");
        CliRun s = CliRun.of("bench-registry", "--max-screening-backlog", "-3");
        assertThat(s.exitCode()).isEqualTo(1);
        assertThat(s.err()).hasLineCount(1).contains("--max-screening-backlog must be 0 (the registry's default) or more, was -3");
        CliRun h = CliRun.of("bench-registry", "--registry-heap", "100");
        assertThat(h.exitCode()).isEqualTo(1);
        assertThat(h.err()).hasLineCount(1).contains("--registry-heap must be 256 to 65536 MB, was 100");
    }
}
