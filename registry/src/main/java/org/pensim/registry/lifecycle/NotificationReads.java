package org.pensim.registry.lifecycle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCertificate;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.registry.cluster.RegistryMaps;
import org.pensim.registry.http.ApiProblem;

/** What the parties to a notification (and the operator) may read of the stored notifications, and in what form. */
public final class NotificationReads {

    private final HazelcastInstance hazelcast;

    public NotificationReads(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /** The notification with its receipt, events and global flags, for one of its parties or the operator. */
    public ObjectNode read(String id, AuthorityCertificate caller) {
        IMap<String, HazelcastJsonValue> map = RegistryMaps.map(hazelcast, RegistryMaps.NOTIFICATIONS);
        HazelcastJsonValue v = map.get(id);
        if (v == null) {
            throw ApiProblem.notFound("no notification " + id);
        }
        ObjectNode record = NotificationRecords.parse(v);
        requireParty(record, caller);
        return view(record, RegistryMaps.map(hazelcast, RegistryMaps.GLOBAL_FLAGS).get(id));
    }

    private static void requireParty(ObjectNode record, AuthorityCertificate caller) {
        boolean party = caller.role() == AuthorityRole.OPERATOR
                || caller.role() == AuthorityRole.EXPORTING && caller.country().equals(record.get("exportingCountry").asText())
                || caller.role() == AuthorityRole.IMPORTING && caller.country().equals(record.get("importingCountry").asText());
        if (!party) {
            throw ApiProblem.forbidden("notification " + record.get("id").asText() + " may be read only by the "
                    + record.get("exportingCountry").asText() + " exporting authority, the "
                    + record.get("importingCountry").asText() + " importing authority and the registry operator, not by the "
                    + caller.describe());
        }
    }

    private static ObjectNode view(ObjectNode record, HazelcastJsonValue globalFlags) {
        ObjectNode n = ProtocolJson.mapper().createObjectNode();
        for (String f : List.of("id", "sequence", "state", "channel", "exportingCountry", "importingCountry", "receivedAt",
                "deliveredAt", "replyDeadline", "sha256")) {
            if (record.has(f)) {
                n.set(f, record.get(f));
            }
        }
        n.set("notification", record.get("envelope"));
        n.set("receipt", record.get("receipt"));
        n.set("events", record.withArray("events"));
        n.set("globalFlags", NotificationRecords.globalFlags(record, globalFlags));
        return n;
    }

    /**
     * The caller's notifications after sequence {@code after}, in order: an exporting authority's own, an
     * importing authority's own, or for the operator those of the countries asked for (null: any).
     */
    public ObjectNode list(AuthorityCertificate caller, long after, int limit, String state, String exportingCountry,
            String importingCountry) {
        List<Predicate<String, HazelcastJsonValue>> all = new ArrayList<>();
        all.add(Predicates.greaterThan("sequence", after));
        switch (caller.role()) {
            case EXPORTING -> all.add(Predicates.equal("exportingCountry", caller.country()));
            case IMPORTING -> all.add(Predicates.equal("importingCountry", caller.country()));
            case OPERATOR -> {
                if (exportingCountry != null) {
                    all.add(Predicates.equal("exportingCountry", exportingCountry));
                }
                if (importingCountry != null) {
                    all.add(Predicates.equal("importingCountry", importingCountry));
                }
            }
        }
        if (state != null) {
            all.add(Predicates.equal("state", state));
        }
        @SuppressWarnings("unchecked")
        Predicate<String, HazelcastJsonValue> p = Predicates.and(all.toArray(new Predicate[0]));
        List<ObjectNode> found = new ArrayList<>();
        for (HazelcastJsonValue v : RegistryMaps.map(hazelcast, RegistryMaps.NOTIFICATIONS).values(p)) {
            found.add(NotificationRecords.parse(v));
        }
        found.sort(Comparator.comparingLong(r -> r.get("sequence").asLong()));
        ObjectNode out = ProtocolJson.mapper().createObjectNode();
        ArrayNode items = out.putArray("items");
        long last = after;
        for (ObjectNode r : found.subList(0, Math.min(limit, found.size()))) {
            ObjectNode s = ProtocolJson.mapper().createObjectNode();
            for (String f : List.of("id", "sequence", "state", "exportingCountry", "importingCountry", "receivedAt")) {
                s.set(f, r.get(f));
            }
            items.add(s);
            last = r.get("sequence").asLong();
        }
        out.put("next", last);
        out.put("more", found.size() > limit);
        return out;
    }
}
