package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {

    @Test
    void a_sweep_runs_every_combination_with_confidence_intervals(@TempDir Path tmp) throws Exception {
        Path scenarios = RunCommandTest.scenarios();
        Files.writeString(tmp.resolve("small.yaml"), Files.readString(scenarios.resolve("training.yaml"))
                .replace("durationDays: 90", "durationDays: 45"));
        Files.writeString(tmp.resolve("sweep.yaml"), """
                name: test-sweep
                scenario: small.yaml
                replications: 3
                parameters:
                  - path: world.defaults.replyProbability
                    values: [0.1, 0.9]
                  - path: flagThreshold
                    values: [0.3, 2.0]
                """);
        CliRun r = CliRun.of("sweep", tmp.resolve("sweep.yaml").toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String json = Files.readString(tmp.resolve("out/sweep.json"));
        assertThat(json).contains("\"world.defaults.replyProbability\" : 0.1").doesNotContain("NaN");
        var tree = org.pensim.protocol.json.ProtocolJson.parse(json);
        assertThat(tree.get("points")).hasSize(4);
        assertThat(tree.path("signatures").asText()).as("what docs/scenarios.md asks a citation to give").isEqualTo("modelled");
        // A lower threshold flags at least as much; a higher reply rate lets no more front-company shipments through.
        double low = tree.at("/points/0/measures/methods.FRONT_COMPANY.detectionRate/mean").asDouble();
        double high = tree.at("/points/1/measures/methods.FRONT_COMPANY.detectionRate/mean").asDouble();
        assertThat(low).isGreaterThanOrEqualTo(high);
        assertThat(Files.readAllLines(tmp.resolve("out/sweep.csv")).get(0).replace("\"", "")).isEqualTo(
                "point,world.defaults.replyProbability,flagThreshold,measure,mean,ciLow,ciHigh,replications");
        assertThat(Files.readAllLines(tmp.resolve("out/runs.csv")).get(0).replace("\"", "")).isEqualTo(
                "run,seed,world.defaults.replyProbability,flagThreshold,group,key,measure,value");
        assertThat(tmp.resolve("out/sweep-1-world.defaults.replyProbability.png")).exists();
    }

    @Test
    void a_sweep_spread_over_two_workers_gives_exactly_the_results_of_a_run_on_this_machine(@TempDir Path tmp) throws Exception {
        Path scenarios = RunCommandTest.scenarios();
        Files.writeString(tmp.resolve("small.yaml"), Files.readString(scenarios.resolve("training.yaml"))
                .replace("durationDays: 90", "durationDays: 30"));
        Files.writeString(tmp.resolve("sweep.yaml"), """
                name: distributed-sweep
                scenario: small.yaml
                replications: 3
                parameters:
                  - path: flagThreshold
                    values: [0.3, 1.0]
                """);
        int p1 = org.pensim.registry.cluster.LocalCluster.freePort();
        int p2 = org.pensim.registry.cluster.LocalCluster.freePort();
        String cluster = "pensim-workers-test-" + System.nanoTime();
        java.util.List<String> members = java.util.List.of("127.0.0.1:" + p1, "127.0.0.1:" + p2);
        var w1 = org.pensim.simulations.sweep.SweepWorkers.startWorker(cluster, "127.0.0.1", p1, members, 1);
        var w2 = org.pensim.simulations.sweep.SweepWorkers.startWorker(cluster, "127.0.0.1", p2, members, 1);
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> w1.getCluster().getMembers().size() == 2);
            CliRun distributed = CliRun.of("sweep", tmp.resolve("sweep.yaml").toString(), "--out", tmp.resolve("workers").toString(),
                    "--workers", "127.0.0.1:" + p1 + ",127.0.0.1:" + p2, "--cluster", cluster);
            assertThat(distributed.exitCode()).as(distributed.err()).isZero();
            long ran1 = w1.getExecutorService(org.pensim.simulations.sweep.SweepWorkers.EXECUTOR).getLocalExecutorStats()
                    .getCompletedTaskCount();
            long ran2 = w2.getExecutorService(org.pensim.simulations.sweep.SweepWorkers.EXECUTOR).getLocalExecutorStats()
                    .getCompletedTaskCount();
            assertThat(ran1 + ran2).isEqualTo(6);
            // Spread evenly, not at random.
            assertThat(ran1).isEqualTo(3);
            assertThat(ran2).isEqualTo(3);
        } finally {
            w1.shutdown();
            w2.shutdown();
        }
        CliRun local = CliRun.of("sweep", tmp.resolve("sweep.yaml").toString(), "--out", tmp.resolve("local").toString());
        assertThat(local.exitCode()).as(local.err()).isZero();
        assertThat(Files.readString(tmp.resolve("workers/sweep.json"))).isEqualTo(Files.readString(tmp.resolve("local/sweep.json")));
        assertThat(Files.readString(tmp.resolve("workers/sweep.csv"))).isEqualTo(Files.readString(tmp.resolve("local/sweep.csv")));
    }

    /** A one-replication sweep of the training scenario over one parameter, run with {@code options}. */
    private static CliRun sweepOne(Path tmp, String path, String values, String... options) throws Exception {
        Files.copy(RunCommandTest.scenarios().resolve("training.yaml"), tmp.resolve("t.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(tmp.resolve("sweep.yaml"), "name: one\nscenario: t.yaml\nreplications: 1\nparameters:\n"
                + "  - path: " + path + "\n    values: " + values + "\n");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("sweep", tmp.resolve("sweep.yaml").toString(),
                "--out", tmp.resolve("out").toString()));
        args.addAll(java.util.List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void unreachable_workers_are_one_line_and_exit_1(@TempDir Path tmp) throws Exception {
        int port = org.pensim.registry.cluster.LocalCluster.freePort();
        CliRun r = sweepOne(tmp, "flagThreshold", "[1]", "--workers", "127.0.0.1:" + port, "--cluster", "nobody-" + port,
                "--connect-timeout", "2");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("cannot reach the sweep workers")
                .contains("Is `pensim worker` running at each address, with the same --cluster?");
        CliRun zero = sweepOne(tmp, "flagThreshold", "[1]", "--workers", "127.0.0.1:" + port, "--connect-timeout", "0");
        assertThat(zero.exitCode()).as("a usage error, as picocli's own").isEqualTo(2);
        assertThat(zero.err()).isEqualTo("pensim sweep: --connect-timeout must be at least 1 second, not 0\n");
    }

    @Test
    void a_parameter_that_names_no_field_is_refused(@TempDir Path tmp) throws Exception {
        CliRun r = sweepOne(tmp, "world.defaults.courage", "[1]");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("field world.defaults.courage: unknown field 'courage' (known: [",
                "replyProbability");
    }

    @Test
    void a_swept_value_of_the_wrong_kind_is_said_in_plain_words(@TempDir Path tmp) throws Exception {
        CliRun r = sweepOne(tmp, "flagThreshold", "[high]");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("field flagThreshold: \"high\" is not a number").doesNotContain("Cannot");
    }
}
