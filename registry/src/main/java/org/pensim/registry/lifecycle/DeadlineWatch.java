package org.pensim.registry.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.EventType;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.registry.delivery.Inbox;

/**
 * Records that reply deadlines passed: each member looks only at the notifications it owns, moves those
 * still DELIVERED after their deadline to NO_REPLY with an event signed by the registry, and tells both
 * authorities through their inboxes.
 */
public final class DeadlineWatch {

    private final IMap<String, HazelcastJsonValue> notifications;
    private final IMap<String, HazelcastJsonValue> events;
    private final Inbox inbox;
    private final DocumentSigner registrySigner;
    private final String operatorCountry;
    private final Clock clock;

    public DeadlineWatch(IMap<String, HazelcastJsonValue> notifications, IMap<String, HazelcastJsonValue> events, Inbox inbox,
            DocumentSigner registrySigner, String operatorCountry, Clock clock) {
        this.notifications = notifications;
        this.events = events;
        this.inbox = inbox;
        this.registrySigner = registrySigner;
        this.operatorCountry = operatorCountry;
        this.clock = clock;
    }

    /** One pass; returns how many notifications it moved to NO_REPLY. */
    public int check() {
        String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        int moved = 0;
        for (String id : notifications.localKeySet(Predicates.and(Predicates.equal("state", "DELIVERED"),
                Predicates.lessThan("replyDeadline", today)))) {
            String eventId = id + "/deadline";
            LifecycleEvent event = LifecycleEvent.simple(eventId.replace('/', '-'), id, EventType.DEADLINE_PASSED,
                    clock.instant().truncatedTo(ChronoUnit.SECONDS), operatorCountry, AuthorityRole.OPERATOR);
            SignedDocument signed = registrySigner.sign(DocumentType.EVENT, event);
            String outcome = notifications.executeOnKey(id, new NotificationRecords.ApplyEvent(event.eventId(), "registry",
                    EventType.DEADLINE_PASSED, null, AuthorityRole.OPERATOR, clock.instant().toString()));
            JsonNode o = parse(outcome);
            if (!o.path("accepted").asBoolean() || o.path("duplicate").asBoolean()) {
                continue;
            }
            ObjectNode record = ProtocolJson.mapper().createObjectNode();
            record.put("eventId", event.eventId());
            record.put("notificationId", id);
            record.put("receivedAt", clock.instant().toString());
            record.set("envelope", signed.toJson());
            events.set(event.eventId(), new HazelcastJsonValue(record.toString()));
            ObjectNode n = NotificationRecords.parse(notifications.get(id));
            inbox.append(n.get("exportingCountry").asText(), AuthorityRole.EXPORTING, "EVENT", event.eventId(), id);
            inbox.append(n.get("importingCountry").asText(), AuthorityRole.IMPORTING, "EVENT", event.eventId(), id);
            moved++;
        }
        return moved;
    }

    private static JsonNode parse(String json) {
        try {
            return ProtocolJson.parse(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
