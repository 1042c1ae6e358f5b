package org.pensim.registry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.screening.Flag;
import org.pensim.protocol.screening.ScreeningPolicy;
import org.pensim.protocol.screening.global.GlobalScreening;
import org.pensim.protocol.screening.global.GlobalStateStore;
import org.pensim.protocol.testing.NotificationDraft;

/**
 * The global indicators' windows on two Hazelcast members over loopback TCP: a notification's windows of one
 * map are one entry, updated by one operation, and the flags come out exactly as from the in-memory store a
 * simulation uses, update for update.
 */
class HazelcastStateStoreTest {

    static final List<HazelcastInstance> MEMBERS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        String name = "pensim-state-store-" + UUID.randomUUID();
        List<Integer> ports = List.of(LocalCluster.freePort(), LocalCluster.freePort());
        for (int port : ports) {
            Config c = new Config().setClusterName(name).setProperty("hazelcast.phone.home.enabled", "false")
                    .setProperty("hazelcast.max.no.heartbeat.seconds", "5").setProperty("hazelcast.logging.type", "slf4j");
            c.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
            c.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
            c.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true)
                    .setMembers(ports.stream().map(p -> "127.0.0.1:" + p).toList());
            c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
            ClusterSerialization.configure(c.getSerializationConfig());
            c.addMapConfig(RegistryMaps.screeningWindows(1));
            MEMBERS.add(Hazelcast.newHazelcastInstance(c));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> MEMBERS.get(0).getCluster().getMembers().size() == 2);
    }

    @AfterAll
    static void stop() {
        MEMBERS.forEach(HazelcastInstance::shutdown);
    }

    private static PreExportNotification shipment(String id, String from, String to, LocalDate day, String kg, boolean twoItems) {
        NotificationDraft d = NotificationDraft.example().transit().set("/id", id)
                .set("/exportingCountry", from).set("/parties/0/address/country", from)
                .set("/importingCountry", to).set("/parties/1/address/country", to)
                .set("/issuedAt", day + "T10:00:00Z").set("/items/0/netPureKg", kg);
        return (twoItems ? d : d.singleItem()).build();
    }

    @Test
    void a_notifications_windows_of_one_map_are_one_entry_updated_by_one_operation() {
        GlobalScreening cluster = new GlobalScreening(new HazelcastStateStore(MEMBERS.get(0)), ScreeningPolicy.defaults(),
                Clock.systemUTC(), System::nanoTime);
        PreExportNotification n = shipment("HS-ONE", "BE", "KE", LocalDate.of(2026, 5, 1), "10", true);
        List<String> substances = n.items().stream().map(i -> i.substanceId()).distinct().toList();
        assertThat(substances).hasSize(2);
        cluster.screen(n, Instant.now(), 0);
        // The consignee is one entry holding both substances' windows; the countries' pair is one entry in each of
        // the corridor and round-trip maps.
        var consignees = MEMBERS.get(1).<String, java.util.HashMap<String, ?>>getMap(GlobalScreening.CONSIGNEES);
        String consignee = org.pensim.protocol.screening.national.EntityNames.key(n.consignee().name());
        assertThat(consignees.keySet()).as("one entry per consignee, never one per substance").contains(consignee)
                .noneMatch(k -> k.contains("|"));
        assertThat(consignees.get(consignee)).containsKeys(substances.stream().map(s -> consignee + "|" + s).toArray(String[]::new));
        assertThat(MEMBERS.get(1).<String, java.util.HashMap<String, ?>>getMap(GlobalScreening.CORRIDORS).get("BE|KE"))
                .hasSize(2);
        assertThat(MEMBERS.get(1).<String, java.util.HashMap<String, ?>>getMap(GlobalScreening.PAIRS).get("BE|KE")).hasSize(2);
    }

    @Test
    void the_flags_match_the_in_memory_store_update_for_update() {
        GlobalScreening cluster = new GlobalScreening(new HazelcastStateStore(MEMBERS.get(1)), ScreeningPolicy.defaults(),
                Clock.systemUTC(), System::nanoTime);
        GlobalScreening memory = new GlobalScreening(new GlobalStateStore.InMemory(), ScreeningPolicy.defaults(),
                Clock.systemUTC(), System::nanoTime);
        // Splits, a refusal then shopping, round trips and a corridor surge, with one and two items.
        String[][] from = {{"DE", "IN"}, {"FR", "IN"}, {"NL", "IN"}, {"CN", "IN"}, {"IN", "DE"}, {"DE", "TR"}, {"US", "IN"}};
        LocalDate day = LocalDate.of(2026, 1, 1);
        int raisedByCluster = 0;
        for (int i = 0; i < 120; i++) {
            String[] pair = from[i % from.length];
            String kg = i == 110 ? "5000" : "100";
            PreExportNotification n = shipment("HS-" + i, pair[0], pair[1], day.plusDays(i), kg, i % 2 == 0);
            Instant at = Instant.parse(day.plusDays(i) + "T10:00:00Z");
            List<Flag> byCluster = cluster.screen(n, at, 0);
            List<Flag> inMemory = memory.screen(n, at, 0);
            assertThat(byCluster).as("notification %s", n.id()).usingRecursiveFieldByFieldElementComparatorIgnoringFields(
                    "flaggedAt", "timeToFlag").isEqualTo(inMemory);
            raisedByCluster += byCluster.size();
            if (i == 30) {
                cluster.recordRefusal(n);
                memory.recordRefusal(n);
            }
        }
        // A comparison of nothing would prove nothing.
        assertThat(raisedByCluster).isGreaterThan(10);
    }
}
