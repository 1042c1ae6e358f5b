package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pensim.protocol.json.ProtocolJson;

/** A short failover load test: a member killed and restarted under open-loop load loses and duplicates nothing. */
class LoadCommandTest {

    @Test
    void a_member_killed_and_restarted_under_load_loses_nothing_and_delivers_nothing_twice(@TempDir Path tmp) throws Exception {
        Path profile = tmp.resolve("failover.yaml");
        Files.writeString(profile, """
                name: failover-test
                members: 3
                exporters: 3
                importers: 2
                shape: constant
                rate: 30
                rampTo: 0
                durationSeconds: 12
                drainSeconds: 30
                faults:
                  - {atSeconds: 3, action: kill, member: 1}
                  - {atSeconds: 7, action: restart, member: 1}
                """);
        CliRun r = CliRun.of("load", profile.toString(), "--out", tmp.resolve("out").toString());
        var summary = ProtocolJson.parse(Files.readAllBytes(tmp.resolve("out/summary.json")));
        assertThat(summary.get("sent").asLong()).isGreaterThan(300);
        assertThat(summary.get("acknowledged").asLong()).isEqualTo(summary.get("sent").asLong());
        assertThat(summary.get("lost").asLong()).isZero();
        assertThat(summary.get("duplicated").asLong()).isZero();
        assertThat(r.exitCode()).isZero();
        assertThat(Files.readString(tmp.resolve("out/intervals.csv"))).startsWith("elapsedSeconds,offeredPerSecond");
        assertThat(Files.readString(tmp.resolve("out/ack-latency.hlog"))).contains("#[StartTime");
    }

    @Test
    void a_bad_profile_is_one_line_and_exit_1(@TempDir Path tmp) throws Exception {
        Path profile = tmp.resolve("bad.yaml");
        Files.writeString(profile, "name: x\nmembers: 1\nexporters: 1\nimporters: 1\nshape: zigzag\nrate: 5\nrampTo: 0\n"
                + "durationSeconds: 5\ndrainSeconds: 5\nfaults: []\n");
        CliRun r = CliRun.of("load", profile.toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("shape must be constant, ramp or burst, not zigzag");
    }
}
