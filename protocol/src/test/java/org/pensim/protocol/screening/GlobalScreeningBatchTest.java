package org.pensim.protocol.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.screening.global.GlobalScreening;
import org.pensim.protocol.screening.global.GlobalStateStore;
import org.pensim.protocol.testing.NotificationDraft;

/** A batch screened at once raises, per notification, exactly the flags screening them one by one raises. */
class GlobalScreeningBatchTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-09-01T00:00:00Z"), ZoneOffset.UTC);

    /** The in-memory store, counting the calls made to it. */
    private static final class CountingStore implements GlobalStateStore {
        final InMemory inner = new InMemory();
        int updateAllCalls;
        int updates;

        @Override
        public <S extends Serializable, R extends Serializable> R update(String map, String key, Update<S, R> update) {
            updates++;
            return inner.update(map, key, update);
        }

        @Override
        public List<Object> updateAll(List<Call> calls) {
            updateAllCalls++;
            return GlobalStateStore.super.updateAll(calls);
        }
    }

    private static PreExportNotification shipment(String id, String from, String to, LocalDate day, String kg) {
        return NotificationDraft.example().singleItem().transit().set("/id", id)
                .set("/exportingCountry", from).set("/parties/0/address/country", from)
                .set("/importingCountry", to).set("/parties/1/address/country", to)
                .set("/issuedAt", day + "T10:00:00Z").set("/items/0/netPureKg", kg).build();
    }

    /** Splits across exporters, round trips and a corridor surge, interleaved so that one batch holds each. */
    private static List<GlobalScreening.Submitted> traffic() {
        List<GlobalScreening.Submitted> out = new ArrayList<>();
        String[] from = {"DE", "FR", "NL", "CN", "DE", "TR"};
        LocalDate start = LocalDate.of(2025, 1, 1);
        for (int i = 0; i < 120; i++) {
            LocalDate day = start.plusDays(4L * i);
            // A steady DE>TR corridor, a surge at the end; a consignee in IN supplied from several countries; round trips.
            String kg = i > 110 ? "900" : "100";
            out.add(submitted(shipment("T-" + i, "DE", "TR", day, kg)));
            out.add(submitted(shipment("S-" + i, from[i % from.length], "IN", day, "50")));
            if (i % 10 == 0) {
                out.add(submitted(shipment("R-" + i, i % 20 == 0 ? "NL" : "BE", i % 20 == 0 ? "BE" : "NL", day, "25")));
            }
        }
        return out;
    }

    private static GlobalScreening.Submitted submitted(PreExportNotification n) {
        return new GlobalScreening.Submitted(n, n.issuedAt(), 0);
    }

    private static List<String> described(List<List<Flag>> flags, List<GlobalScreening.Submitted> batch) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            out.add(batch.get(i).notification().id() + ":" + flags.get(i).stream()
                    .map(f -> f.indicator() + "/" + f.evidence()).sorted().collect(Collectors.joining(";")));
        }
        return out;
    }

    @Test
    void batches_raise_the_flags_one_by_one_screening_raises_with_one_store_call_each() {
        List<GlobalScreening.Submitted> traffic = traffic();
        CountingStore oneByOne = new CountingStore();
        GlobalScreening single = new GlobalScreening(oneByOne, ScreeningPolicy.defaults(), CLOCK, () -> 0);
        List<List<Flag>> expected = new ArrayList<>();
        for (GlobalScreening.Submitted s : traffic) {
            expected.add(single.screen(s.notification(), s.submittedAt(), s.submittedWallNanos()));
        }

        CountingStore batched = new CountingStore();
        GlobalScreening batching = new GlobalScreening(batched, ScreeningPolicy.defaults(), CLOCK, () -> 0);
        List<List<Flag>> actual = new ArrayList<>();
        int batches = 0;
        for (int from = 0; from < traffic.size(); from += 17) {
            actual.addAll(batching.screenAll(traffic.subList(from, Math.min(traffic.size(), from + 17))));
            batches++;
        }

        assertThat(described(actual, traffic)).containsExactlyElementsOf(described(expected, traffic));
        // The traffic does raise each kind of global flag, so the comparison means something.
        assertThat(expected.stream().flatMap(List::stream).map(Flag::indicator).distinct())
                .contains(IndicatorCode.SPLIT_ACROSS_EXPORTERS, IndicatorCode.ROUND_TRIP, IndicatorCode.CORRIDOR_SURGE);
        assertThat(batched.updateAllCalls).isEqualTo(batches);
        assertThat(batched.updates).isEqualTo(oneByOne.updates);
    }

    @Test
    void an_empty_batch_raises_nothing_and_calls_nothing() {
        CountingStore store = new CountingStore();
        assertThat(new GlobalScreening(store, ScreeningPolicy.defaults(), CLOCK, () -> 0).screenAll(List.of())).isEmpty();
        assertThat(store.updateAllCalls).isZero();
    }
}
