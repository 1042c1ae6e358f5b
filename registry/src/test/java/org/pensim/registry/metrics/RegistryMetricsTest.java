package org.pensim.registry.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every metric a registry member exposes has a description and a conventional name: promtool, the
 * Prometheus project's own checker, finds nothing to say (issue 19, defect 7). .ci/run installs promtool
 * (Debian's prometheus package) where it is missing.
 */
class RegistryMetricsTest {

    @Test
    void promtool_finds_no_problem_in_the_registry_metrics() throws Exception {
        RegistryMetrics m = new RegistryMetrics();
        m.accepted();
        m.rejected("signature");
        m.event("REPLY", true);
        m.redelivered("NOTIFICATION");
        m.redelivered("EVENT");
        m.redelivered("EVENT");
        m.deliveryLag(Duration.ofMillis(12));
        m.http("POST", "/v1/notifications", 201, 1_000_000);
        m.gauge("pensim_map_local_entries", "Entries of a cluster map owned by this member", "notifications", () -> 3);
        String scrape = m.scrape();
        // Events and notifications delivered again are counted apart.
        assertThat(scrape).contains("pensim_delivery_retries_total{kind=\"EVENT\"} 2.0")
                .contains("pensim_delivery_retries_total{kind=\"NOTIFICATION\"} 1.0");
        for (String line : scrape.lines().filter(l -> l.startsWith("# HELP pensim_")).toList()) {
            assertThat(line.split(" ", 4)).as(line).hasSize(4);
        }
        Process p = new ProcessBuilder(List.of("promtool", "check", "metrics")).redirectErrorStream(true).start();
        p.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        assertThat(out.strip()).isEmpty();
        assertThat(status).as(out).isZero();
    }
}
