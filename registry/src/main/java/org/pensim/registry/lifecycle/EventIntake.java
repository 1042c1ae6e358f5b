package org.pensim.registry.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.EventType;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.pki.AuthorityCertificate;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.screening.global.GlobalScreening;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignatureVerificationException;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.signing.VerifiedDocument;
import org.pensim.protocol.validation.DocumentValidator;
import org.pensim.protocol.validation.Problem;
import org.pensim.registry.delivery.Inbox;
import org.pensim.registry.http.ApiProblem;
import org.pensim.registry.metrics.RegistryMetrics;
import org.pensim.registry.submission.NotificationIntake;
import org.pensim.registry.submission.StoreFirstDelivery;

/**
 * Accepts signed lifecycle events. Each is accepted only from the authority the transition table
 * allows, in a state that allows it (decided atomically where the notification lives), stored, and
 * delivered to the other party's inbox.
 */
public final class EventIntake {

    private final IMap<String, HazelcastJsonValue> notifications;
    private final IMap<String, HazelcastJsonValue> events;
    /**
     * Events accepted and not yet delivered, by id and content (RegistryMaps.EVENT_INTENTS): what
     * {@link #completeAbandoned} finishes.
     */
    private final IMap<String, HazelcastJsonValue> intents;
    private final Inbox inbox;
    private final org.pensim.registry.authorities.AuthorityDirectory directory;
    private final SignatureVerifier verifier;
    /**
     * Checks a document as of an earlier moment of the registry's clock: an abandoned event is completed as it was
     * accepted, even if its signer's certificate has expired since (a cold restart can take that long).
     */
    private final java.util.function.Function<Instant, SignatureVerifier> verifierAt;
    private final DocumentValidator validator;
    private final GlobalScreening global;
    private final RegistryMetrics metrics;
    private final Clock clock;
    /** Real time, for an intent's age: a member's death takes wall time, whatever the registry's clock does. */
    private final Clock wall = Clock.systemUTC();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventIntake.class);

    /** The importing countries' rules, by which an answer restarts the time to reply. */
    private final org.pensim.protocol.country.CountryProfiles countries;

    public EventIntake(IMap<String, HazelcastJsonValue> notifications, IMap<String, HazelcastJsonValue> events,
            IMap<String, HazelcastJsonValue> intents, Inbox inbox, org.pensim.registry.authorities.AuthorityDirectory directory,
            SignatureVerifier verifier, java.util.function.Function<Instant, SignatureVerifier> verifierAt,
            DocumentValidator validator, GlobalScreening global, RegistryMetrics metrics, Clock clock,
            org.pensim.protocol.country.CountryProfiles countries) {
        this.countries = countries;
        this.notifications = notifications;
        this.events = events;
        this.intents = intents;
        this.inbox = inbox;
        this.directory = directory;
        this.verifier = verifier;
        this.verifierAt = verifierAt;
        this.validator = validator;
        this.global = global;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @return 201 with the new state, or 200 when the same event was already applied */
    public NotificationIntake.Outcome submit(String notificationId, JsonNode body, AuthorityCertificate caller) {
        SignedDocument envelope;
        VerifiedDocument verified;
        try {
            envelope = SignedDocument.fromJson(body);
            verified = verifier.verify(envelope, DocumentType.EVENT);
        } catch (SignatureVerificationException e) {
            throw NotificationIntake.signatureProblem(e);
        }
        directory.requireUsable(verified.signer());
        List<Problem> problems = validator.checkEvent(verified.document());
        if (!problems.isEmpty()) {
            throw new ApiProblem(400, "invalid-event", "Invalid event", problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + " in the event", problems);
        }
        LifecycleEvent event = ProtocolJson.fromTree(verified.document(), LifecycleEvent.class);
        if (!event.notificationId().equals(notificationId)) {
            throw ApiProblem.badRequest("invalid-event", "/notificationId: the event is for " + event.notificationId()
                    + ", but was posted to notification " + notificationId);
        }
        if (!caller.country().equals(event.issuerCountry()) || caller.role() != event.issuerRole()) {
            throw ApiProblem.forbidden("the event is issued by the " + event.issuerCountry() + " "
                    + event.issuerRole().label() + " authority, but the request comes from the " + caller.describe());
        }
        if (event.issuerRole() == AuthorityRole.OPERATOR) {
            throw ApiProblem.forbidden("operator events (delivery, deadlines) are made by the registry itself");
        }
        HazelcastJsonValue stored = notifications.get(notificationId);
        if (stored == null) {
            throw ApiProblem.notFound("no notification " + notificationId);
        }
        ObjectNode record = NotificationRecords.parse(stored);
        String party = event.issuerRole() == AuthorityRole.EXPORTING ? record.get("exportingCountry").asText()
                : record.get("importingCountry").asText();
        if (!party.equals(event.issuerCountry())) {
            throw ApiProblem.forbidden("the " + caller.describe() + " is not the " + event.issuerRole().label()
                    + " authority of notification " + notificationId + " (that is " + party + ")");
        }
        // An id is one event: the same id for another notification, or with other content, would otherwise move this
        // notification's state and then deliver nothing.
        HazelcastJsonValue existing = events.get(event.eventId());
        if (existing != null) {
            ObjectNode earlier = NotificationRecords.parse(existing);
            if (!earlier.path("notificationId").asText().equals(notificationId)
                    || !earlier.path("sha256").asText().equals(verified.sha256())) {
                throw ApiProblem.conflict("id-conflict", "event " + event.eventId() + " was already submitted with different "
                        + "content" + (earlier.path("notificationId").asText().equals(notificationId) ? ""
                                : ", for notification " + earlier.path("notificationId").asText()));
            }
        }
        if (existing != null) {
            return applyAndDeliver(notificationId, event, verified, envelope, record, existing); // a repeat, delivered
        }
        // Written before the state moves and removed once the event is delivered: a member dying in between leaves it
        // for the sweep (completeAbandoned), so the other party is told even if the sender never sends it again. Written
        // through to the database as the state change is, so that a cold restart of every member leaves it too.
        // Keyed by content too: a conflicting document under the same id must not replace or remove the intent of the
        // one that was applied.
        String intent = intentKey(event.eventId(), verified.sha256());
        intents.set(intent, new HazelcastJsonValue(ProtocolJson.mapper().createObjectNode()
                .put("notificationId", notificationId).put("writtenAtMillis", wall.millis())
                .put("acceptedAt", clock.instant().toString()).set("envelope", body).toString()));
        NotificationIntake.Outcome outcome;
        try {
            outcome = applyAndDeliver(notificationId, event, verified, envelope, record, null);
        } catch (ApiProblem refused) {
            if (refused.status() == 409) {
                intents.deleteAsync(intent); // never applied: nothing to complete
            }
            throw refused;
        }
        // Not waited for: the answer does not depend on it, and an intent left behind is only completed again by the
        // sweep, which finds the event applied and delivered.
        intents.deleteAsync(intent);
        return outcome;
    }

    /**
     * Moves the notification's state (once per event id, where the record lives), records an objection for the global
     * indicators, and delivers the event to the other party. Safe to run again for the same event: a repeat completes
     * what an earlier run left undone.
     */
    private NotificationIntake.Outcome applyAndDeliver(String notificationId, LifecycleEvent event, VerifiedDocument verified,
            SignedDocument envelope, ObjectNode record, HazelcastJsonValue delivery) {
        String deadlineAfterAnswer = null;
        if (event.type() == EventType.ANSWER) {
            var importing = countries.of(record.get("importingCountry").asText());
            deadlineAfterAnswer = importing.replyDeadline().deadlineFrom(java.time.LocalDate.ofInstant(clock.instant(),
                    java.time.ZoneOffset.UTC), importing.calendar()).toString();
        }
        String outcomeJson = notifications.executeOnKey(notificationId, new NotificationRecords.ApplyEvent(
                event.eventId(), verified.sha256(), event.type(), event.decision(), event.issuerRole(),
                clock.instant().toString(), deadlineAfterAnswer));
        JsonNode outcome = parse(outcomeJson);
        boolean duplicate = outcome.path("duplicate").asBoolean();
        if (duplicate && !outcome.path("sameContent").asBoolean()) {
            throw ApiProblem.conflict("id-conflict", "event " + event.eventId() + " was already submitted with different content");
        }
        if (!duplicate && !outcome.path("accepted").asBoolean()) {
            metrics.event(event.type().name(), false);
            List<String> allowed = new ArrayList<>();
            outcome.path("allowed").forEach(a -> allowed.add(a.asText()));
            throw ApiProblem.conflict("transition-not-allowed", outcome.path("refusal").asText())
                    .with("currentState", outcome.path("state").asText()).with("allowedEvents", allowed);
        }
        if (event.type() == EventType.REPLY && event.decision() == Decision.OBJECTION) {
            // Idempotent (one refusal per notification): a repeat records it too, in case the first died before it.
            global.recordRefusal(NotificationRecords.notification(record));
        }
        // The deadline the state change set (on a repeat, the first request's), not this request's reckoning of it.
        String appliedDeadline = outcome.hasNonNull("replyDeadline") ? outcome.get("replyDeadline").asText() : null;
        JsonNode delivered = delivery != null ? NotificationRecords.parse(delivery)
                : deliver(notificationId, event, verified, envelope, record, appliedDeadline);
        if (!duplicate) {
            metrics.event(event.type().name(), true);
        }
        com.fasterxml.jackson.databind.node.ObjectNode answer = result(notificationId, event, outcome.get("state").asText());
        if (delivered.hasNonNull("replyDeadline")) {
            answer.put("replyDeadline", delivered.get("replyDeadline").asText());
        }
        return new NotificationIntake.Outcome(duplicate ? 200 : 201, answer);
    }

    /**
     * Completes the events whose request was left unfinished on this member's partitions (its member died after the
     * notification's state moved, before the event was delivered): run periodically on every member, each for the
     * intents it owns, once they are older than {@link Inbox#HOLE_TIMEOUT} (a request still under way would have
     * finished; running the same event twice is safe anyway).
     *
     * @return how many were completed
     */
    public int completeAbandoned() {
        int done = 0;
        for (String key : intents.localKeySet()) {
            HazelcastJsonValue intent = intents.get(key);
            if (intent == null) {
                continue;
            }
            ObjectNode i = NotificationRecords.parse(intent);
            if (wall.millis() - i.path("writtenAtMillis").asLong() < Inbox.HOLE_TIMEOUT.toMillis()) {
                continue;
            }
            String notificationId = i.path("notificationId").asText();
            try {
                SignedDocument envelope = SignedDocument.fromJson(i.get("envelope"));
                Instant acceptedAt = i.hasNonNull("acceptedAt") ? Instant.parse(i.get("acceptedAt").asText()) : clock.instant();
                VerifiedDocument verified = verifierAt.apply(acceptedAt).verify(envelope, DocumentType.EVENT);
                LifecycleEvent event = ProtocolJson.fromTree(verified.document(), LifecycleEvent.class);
                HazelcastJsonValue stored = notifications.get(notificationId);
                if (stored != null) {
                    applyAndDeliver(notificationId, event, verified, envelope, NotificationRecords.parse(stored),
                            events.get(event.eventId()));
                    done++;
                }
            } catch (ApiProblem refused) {
                if (refused.status() != 409) {
                    continue; // the registry is too slow now (503): the next sweep tries again
                }
                // Not applicable: another event moved the notification on, or another document holds the id.
                LOG.info("abandoned event {} of notification {} not completed: {}", key, notificationId, refused.getMessage());
            } catch (SignatureVerificationException untrusted) {
                // The registry wrote it after checking it: a failure now means its stored copy is not what was checked.
                LOG.warn("abandoned event {} of notification {} not completed: {}", key, notificationId, untrusted.getMessage());
            }
            intents.delete(key);
        }
        return done;
    }

    private static String intentKey(String eventId, String sha256) {
        return eventId + "/" + sha256;
    }

    /**
     * Stores the event's record naming its entry in the other party's inbox, unless a record is stored already: the
     * entry first, then the record, stored only by the first request to try ({@link StoreFirstDelivery}), as a
     * notification's delivery is. Readers serve an event's entry only once a record names it, so a request that dies
     * between the two leaves an entry readers pass, and the importer's retry delivers the event anew.
     *
     * @return the event's stored record
     */
    private JsonNode deliver(String notificationId, LifecycleEvent event, VerifiedDocument verified, SignedDocument envelope,
            ObjectNode record, String deadlineAfterAnswer) {
        ObjectNode eventRecord = ProtocolJson.mapper().createObjectNode();
        eventRecord.put("eventId", event.eventId());
        eventRecord.put("notificationId", notificationId);
        eventRecord.put("sha256", verified.sha256());
        eventRecord.put("receivedAt", clock.instant().toString());
        eventRecord.set("envelope", envelope.toJson());
        if (deadlineAfterAnswer != null) {
            // The importing authority learns its new deadline with the answer (InboxPages serves it with the entry).
            eventRecord.put("replyDeadline", deadlineAfterAnswer);
        }
        // The other party learns of it through its inbox.
        boolean toExporter = event.issuerRole() == AuthorityRole.IMPORTING;
        String country = toExporter ? record.get("exportingCountry").asText() : record.get("importingCountry").asText();
        AuthorityRole role = toExporter ? AuthorityRole.EXPORTING : AuthorityRole.IMPORTING;
        for (int attempt = 1; ; attempt++) {
            Inbox.Appended entry = inbox.appendEntry(country, role, "EVENT", event.eventId(), notificationId);
            eventRecord.put("inboxSequence", entry.sequence());
            String found = events.executeOnKey(event.eventId(), new StoreFirstDelivery(eventRecord.toString(),
                    entry.writtenAtWallMillis(), NotificationIntake.MAX_ENTRY_AGE.toMillis(), inbox.self()));
            if (found == null) {
                return eventRecord;
            }
            boolean refused = StoreFirstDelivery.ENTRY_TOO_OLD.equals(found) || StoreFirstDelivery.WRITER_GONE.equals(found);
            ObjectNode stored = refused ? null : NotificationRecords.parse(new HazelcastJsonValue(found));
            if (stored != null && stored.path("inboxSequence").asLong(-1) == entry.sequence()) {
                return stored; // this very record: the cluster ran the store again after its owner died
            }
            inbox.withdraw(country, role, entry.sequence(), "EVENT", event.eventId());
            if (stored != null) {
                return stored; // delivered by another request for the same event
            }
            metrics.redelivered("EVENT");
            if (attempt == NotificationIntake.MAX_DELIVERY_ATTEMPTS) {
                throw new ApiProblem(503, "registry-stalled", "The registry is too slow to deliver", "event "
                        + event.eventId() + " was recorded but could not be delivered: each of "
                        + NotificationIntake.MAX_DELIVERY_ATTEMPTS + " attempts took longer than "
                        + NotificationIntake.MAX_ENTRY_AGE.toMillis() + " ms between its inbox entry and its record; "
                        + "send it again in " + NotificationIntake.RETRY_AFTER_SECONDS + " s to complete its delivery")
                        .retryAfter(NotificationIntake.RETRY_AFTER_SECONDS);
            }
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode result(String notificationId, LifecycleEvent event, String state) {
        return ProtocolJson.mapper().createObjectNode().put("notificationId", notificationId)
                .put("eventId", event.eventId()).put("state", state);
    }

    private static JsonNode parse(String json) {
        try {
            return ProtocolJson.parse(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
