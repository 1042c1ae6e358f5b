package org.pensim.registry.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ports handed to test and local members lie below the system's ephemeral range, where no outgoing connection
 * takes them between the hand-out and the member's bind. They came from that range on Linux all along (the range
 * was misread), and a member failed to bind now and then.
 */
class LocalClusterPortsTest {

    @Test
    void free_ports_lie_below_the_ephemeral_range_and_are_never_handed_out_twice() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        assumeTrue(Files.isReadable(range), "Linux only");
        int start = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
        assumeTrue(start > 20_100, "an ephemeral range that leaves room below it");
        assertThat(LocalCluster.ephemeralRangeStart()).isEqualTo(start);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = LocalCluster.freePort();
            assertThat(port).isBetween(20_000, start - 1);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }
}
