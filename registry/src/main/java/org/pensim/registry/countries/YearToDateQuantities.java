package org.pensim.registry.countries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.aggregation.Aggregator;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.notification.ShipmentItem;
import org.pensim.registry.lifecycle.NotificationRecords;

/**
 * The quantities notified to an importing country in a year, per substance (kg of pure substance),
 * summed over the stored notifications where they live. Derived at the time of asking from what was
 * acknowledged, so it can never miss a notification whose side work was cut short by a failure, and
 * submissions pay nothing for it.
 */
public final class YearToDateQuantities {

    /** The field of a notification record that holds its pure kilograms per substance. */
    public static final String FIELD = "pureKg";

    private final IMap<String, HazelcastJsonValue> notifications;

    public YearToDateQuantities(IMap<String, HazelcastJsonValue> notifications) {
        this.notifications = notifications;
    }

    /** What a record keeps for this sum: pure kilograms per substance of the notification's items. */
    public static void record(ObjectNode record, PreExportNotification n) {
        Map<String, BigDecimal> kg = perSubstance(n);
        ObjectNode out = record.putObject(FIELD);
        kg.forEach((s, v) -> out.put(s, v.toPlainString()));
    }

    private static Map<String, BigDecimal> perSubstance(PreExportNotification n) {
        Map<String, BigDecimal> kg = new TreeMap<>();
        for (ShipmentItem item : n.items()) {
            kg.merge(item.substanceId(), item.netPureKg(), BigDecimal::add);
        }
        return kg;
    }

    /** Kilograms per substance notified to {@code country} in {@code year} (registry time of receipt). */
    public Map<String, BigDecimal> of(String country, int year) {
        Map<String, BigDecimal> sums = notifications.aggregate(new SumPerSubstance(), Predicates.and(
                Predicates.equal("importingCountry", country), Predicates.like("receivedAt", year + "-%")));
        return sums == null ? Map.of() : sums;
    }

    /** Runs on every member over its own entries; the partial sums are then combined. */
    static final class SumPerSubstance implements Aggregator<Map.Entry<String, HazelcastJsonValue>, HashMap<String, BigDecimal>> {
        private static final long serialVersionUID = 1L;
        private final HashMap<String, BigDecimal> sums = new HashMap<>();

        @Override
        public void accumulate(Map.Entry<String, HazelcastJsonValue> entry) {
            ObjectNode record = NotificationRecords.parse(entry.getValue());
            JsonNode kg = record.get(FIELD);
            if (kg != null) {
                kg.fields().forEachRemaining(e -> sums.merge(e.getKey(), new BigDecimal(e.getValue().asText()), BigDecimal::add));
            } else {
                // Stored before records carried their kilograms: derive them from the document.
                JsonNode document = record.at("/envelope/document");
                perSubstance(ProtocolJson.fromTree(document, PreExportNotification.class))
                        .forEach((s, v) -> sums.merge(s, v, BigDecimal::add));
            }
        }

        @Override
        public void combine(Aggregator aggregator) {
            ((SumPerSubstance) aggregator).sums.forEach((s, v) -> sums.merge(s, v, BigDecimal::add));
        }

        @Override
        public HashMap<String, BigDecimal> aggregate() {
            return sums;
        }
    }
}
