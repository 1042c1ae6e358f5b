package org.pensim.protocol.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.screening.global.GlobalScreening;
import org.pensim.protocol.screening.global.GlobalStateStore;
import org.pensim.protocol.testing.NotificationDraft;

/** Each global indicator: a case that must fire and a near miss that must not. */
class GlobalScreeningTest {

    private final GlobalStateStore.InMemory store = new GlobalStateStore.InMemory();
    private final GlobalScreening global = new GlobalScreening(store, ScreeningPolicy.defaults(), Clock.systemUTC(),
            System::nanoTime);

    private static PreExportNotification shipment(String id, String from, String to, String day, String kg) {
        NotificationDraft d = NotificationDraft.example().singleItem().transit().set("/id", id)
                .set("/exportingCountry", from).set("/parties/0/address/country", from)
                .set("/importingCountry", to).set("/parties/1/address/country", to)
                .set("/issuedAt", day + "T10:00:00Z").set("/items/0/netPureKg", kg);
        return d.build();
    }

    private Set<IndicatorCode> screen(PreExportNotification n) {
        return global.screen(n, n.issuedAt(), System.nanoTime()).stream().map(Flag::indicator).collect(Collectors.toSet());
    }

    @Test
    void splitting_across_exporting_countries_within_the_window() {
        assertThat(screen(shipment("A-1", "DE", "IN", "2026-03-01", "100"))).doesNotContain(IndicatorCode.SPLIT_ACROSS_EXPORTERS);
        assertThat(screen(shipment("A-2", "DE", "IN", "2026-03-20", "100"))).doesNotContain(IndicatorCode.SPLIT_ACROSS_EXPORTERS);
        // Near miss: a second country, but outside the 90-day window.
        assertThat(screen(shipment("A-3", "FR", "IN", "2026-07-01", "100"))).doesNotContain(IndicatorCode.SPLIT_ACROSS_EXPORTERS);
        // Near miss: two countries within the window are below the default of three.
        assertThat(screen(shipment("A-4", "NL", "IN", "2026-07-15", "100"))).doesNotContain(IndicatorCode.SPLIT_ACROSS_EXPORTERS);
        List<Flag> flags = global.screen(shipment("A-5", "CN", "IN", "2026-07-20", "100"),
                java.time.Instant.parse("2026-07-20T10:00:00Z"), System.nanoTime());
        Flag split = flags.stream().filter(f -> f.indicator() == IndicatorCode.SPLIT_ACROSS_EXPORTERS).findFirst().orElseThrow();
        assertThat(split.evidence()).containsEntry("exportingCountries", "CN,FR,NL").containsEntry("shipmentsInWindow", "3");
    }

    @Test
    void company_shopping_after_a_refusal_in_another_corridor() {
        PreExportNotification refused = shipment("B-1", "DE", "IN", "2026-03-01", "100");
        screen(refused);
        // Near miss: the same corridor again is persistence, not shopping; and nothing was refused yet.
        assertThat(screen(shipment("B-2", "FR", "IN", "2026-03-05", "100"))).doesNotContain(IndicatorCode.COMPANY_SHOPPING);
        global.recordRefusal(refused);
        assertThat(screen(shipment("B-3", "DE", "IN", "2026-03-10", "100"))).doesNotContain(IndicatorCode.COMPANY_SHOPPING);
        List<Flag> flags = global.screen(shipment("B-4", "CN", "IN", "2026-04-01", "100"), java.time.Instant.now(), 0);
        Flag f = flags.stream().filter(x -> x.indicator() == IndicatorCode.COMPANY_SHOPPING).findFirst().orElseThrow();
        assertThat(f.evidence()).containsEntry("refusedNotification", "B-1").containsEntry("newCorridor", "CN>IN");
        // A year and more later the refusal no longer counts.
        assertThat(screen(shipment("B-5", "US", "IN", "2027-04-02", "100"))).doesNotContain(IndicatorCode.COMPANY_SHOPPING);
    }

    @Test
    void round_trips_within_the_window() {
        screen(shipment("C-1", "DE", "NL", "2026-03-01", "50"));
        assertThat(screen(shipment("C-2", "DE", "NL", "2026-03-02", "50"))).doesNotContain(IndicatorCode.ROUND_TRIP);
        assertThat(screen(shipment("C-3", "NL", "DE", "2026-04-01", "50"))).contains(IndicatorCode.ROUND_TRIP);
        screen(shipment("C-4", "BE", "FR", "2025-01-01", "50"));
        assertThat(screen(shipment("C-5", "FR", "BE", "2026-01-01", "50"))).doesNotContain(IndicatorCode.ROUND_TRIP);
    }

    @Test
    void corridor_surges_against_the_baseline() {
        // A steady year: 100 kg every ten days.
        for (int i = 0; i < 36; i++) {
            String day = java.time.LocalDate.of(2025, 1, 1).plusDays(10L * i).toString();
            assertThat(screen(shipment("D-" + i, "DE", "TR", day, "100"))).doesNotContain(IndicatorCode.CORRIDOR_SURGE);
        }
        // Near miss: double the usual flow is below the x3 surge factor.
        assertThat(screen(shipment("D-n1", "DE", "TR", "2026-01-05", "100"))).doesNotContain(IndicatorCode.CORRIDOR_SURGE);
        assertThat(screen(shipment("D-n2", "DE", "TR", "2026-01-06", "100"))).doesNotContain(IndicatorCode.CORRIDOR_SURGE);
        assertThat(screen(shipment("D-s", "DE", "TR", "2026-01-07", "2000"))).contains(IndicatorCode.CORRIDOR_SURGE);
        // A new corridor has no baseline, so nothing is a surge yet.
        assertThat(screen(shipment("E-1", "DE", "GH", "2026-01-07", "5000"))).doesNotContain(IndicatorCode.CORRIDOR_SURGE);
    }

    @Test
    void state_stays_bounded_per_key() {
        for (int i = 0; i < 500; i++) {
            screen(shipment("F-" + i, "DE", "IN", java.time.LocalDate.of(2025, 1, 1).plusDays(i).toString(), "1"));
        }
        assertThat(store.size(GlobalScreening.CONSIGNEES)).isEqualTo(1);
        assertThat(store.size(GlobalScreening.CORRIDORS)).isEqualTo(1);
    }
}
