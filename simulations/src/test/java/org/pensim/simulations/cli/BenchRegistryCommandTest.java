package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A short registry benchmark runs end to end and prints its table, with the global-screening backlog. */
class BenchRegistryCommandTest {

    @Test
    void a_short_run_with_varied_consignees_prints_rates_latencies_and_the_backlog() {
        CliRun r = CliRun.of("bench-registry", "--members", "1", "--exporters", "3", "--concurrency", "4", "--warmup", "0",
                "--duration", "4", "--consignees", "5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("accepted/s").contains("backlog")
                .containsPattern("members 1, exporters 3, concurrency 4, 4 s: [1-9][0-9]* accepted/s, p50 [0-9.]+ ms, "
                        + "p99 [0-9.]+ ms, max [0-9.]+ ms, 0 failed");
    }

    @Test
    void a_negative_number_of_consignees_is_one_line_and_exit_1() {
        CliRun r = CliRun.of("bench-registry", "--consignees", "-1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("--consignees must be 0 or more, was -1");
    }
}
