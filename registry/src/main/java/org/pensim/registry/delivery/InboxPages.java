package org.pensim.registry.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCertificate;
import org.pensim.registry.cluster.RegistryMaps;
import org.pensim.registry.lifecycle.NotificationRecords;

/**
 * What an authority reads of its inbox: the entries after its cursor, each with its signed document, never a
 * notification twice and never one whose delivery is still under way. The API's page and its event stream
 * both read through here.
 */
public final class InboxPages {

    private final HazelcastInstance hazelcast;
    private final Inbox inbox;

    public InboxPages(HazelcastInstance hazelcast, Inbox inbox) {
        this.hazelcast = hazelcast;
        this.inbox = inbox;
    }

    /** Entries with their documents, and the cursor after the last one a reader may move past. */
    public record Page(ArrayNode entries, long next) {
    }

    /**
     * Reads a page of the caller's inbox. An entry is written just before its full record; an entry whose
     * document is not there yet ends the page (the reader comes back for it), unless it is older than
     * {@link Inbox#HOLE_TIMEOUT}, when it belongs to a submission that failed and is passed over.
     */
    public Page read(AuthorityCertificate caller, long after, int limit) {
        List<JsonNode> raw = inbox.read(caller.country(), caller.role(), after, limit);
        Map<Long, JsonNode> bySequence = withDocuments(raw);
        ArrayNode out = ProtocolJson.mapper().createArrayNode();
        long next = after;
        for (JsonNode e : raw) {
            long seq = e.get("sequence").asLong();
            JsonNode d = bySequence.get(seq);
            if (d == SUPERSEDED) {
                next = seq; // not the delivery of its notification: readers pass it at once
                continue;
            }
            if (d == null) {
                if (!inbox.olderThanHoleTimeout(e) && !inbox.writerGone(e)) {
                    break;
                }
            } else {
                out.add(d);
            }
            next = seq;
        }
        return new Page(out, next);
    }

    /** Marks an inbox entry that is not the delivery of its notification (see {@link #withDocuments}). */
    private static final JsonNode SUPERSEDED = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

    /**
     * Embeds each entry's signed document so that readers verify it themselves, by sequence. A
     * notification's entry is served only once its record names that very entry as its delivery: before the
     * record is stored the entry has no document (the page stops there until the entry is old enough to be a
     * failed submission's), and the entry of a request that found the id already stored (a repeat, a conflict,
     * the loser of two at once) is {@link #SUPERSEDED}, so that a reader never sees a notification twice, even
     * when such an entry is read before it is withdrawn. An event's entry is served the same way (its record names
     * its entry, {@code lifecycle.EventIntake}); records stored before events named theirs are served as they are.
     */
    private Map<Long, JsonNode> withDocuments(List<JsonNode> entries) {
        Set<String> notificationIds = new HashSet<>();
        Set<String> eventIds = new HashSet<>();
        for (JsonNode e : entries) {
            (e.get("kind").asText().equals("EVENT") ? eventIds : notificationIds).add(e.get("id").asText());
        }
        Map<String, HazelcastJsonValue> ns = RegistryMaps.map(hazelcast, RegistryMaps.NOTIFICATIONS).getAll(notificationIds);
        Map<String, HazelcastJsonValue> es = RegistryMaps.map(hazelcast, RegistryMaps.EVENTS).getAll(eventIds);
        Map<String, HazelcastJsonValue> flags = RegistryMaps.map(hazelcast, RegistryMaps.GLOBAL_FLAGS).getAll(notificationIds);
        Map<Long, JsonNode> out = new java.util.HashMap<>();
        for (JsonNode e : entries) {
            long seq = e.get("sequence").asLong();
            if (Inbox.isWithdrawn(e)) {
                out.put(seq, SUPERSEDED);
                continue;
            }
            boolean event = e.get("kind").asText().equals("EVENT");
            HazelcastJsonValue doc = event ? es.get(e.get("id").asText()) : ns.get(e.get("id").asText());
            if (doc == null) {
                continue; // written by a submission that failed before storing its record: nothing to deliver
            }
            ObjectNode r = NotificationRecords.parse(doc);
            if (r.has("inboxSequence") && r.get("inboxSequence").asLong() != seq) {
                out.put(seq, SUPERSEDED);
                continue;
            }
            ObjectNode o = ((ObjectNode) e).deepCopy();
            o.remove("writtenAtMillis"); // the registry's own bookkeeping (Inbox.olderThanHoleTimeout), not the API's
            o.remove("writtenBy"); // likewise (Inbox.writerGone)
            o.set("envelope", r.get("envelope"));
            if (event && r.has("replyDeadline")) {
                o.set("replyDeadline", r.get("replyDeadline")); // restarted by an answer to a request for information
            }
            if (!event) {
                ArrayNode f = NotificationRecords.globalFlags(r, flags.get(e.get("id").asText()));
                if (!f.isEmpty()) {
                    o.set("globalFlags", f);
                }
            }
            out.put(seq, o);
        }
        return out;
    }
}
