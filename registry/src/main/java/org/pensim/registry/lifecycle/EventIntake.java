package org.pensim.registry.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.time.Clock;
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

/**
 * Accepts signed lifecycle events. Each is accepted only from the authority the transition table
 * allows, in a state that allows it (decided atomically where the notification lives), stored, and
 * delivered to the other party's inbox.
 */
public final class EventIntake {

    private final IMap<String, HazelcastJsonValue> notifications;
    private final IMap<String, HazelcastJsonValue> events;
    private final Inbox inbox;
    private final org.pensim.registry.authorities.AuthorityDirectory directory;
    private final SignatureVerifier verifier;
    private final DocumentValidator validator;
    private final GlobalScreening global;
    private final RegistryMetrics metrics;
    private final Clock clock;

    public EventIntake(IMap<String, HazelcastJsonValue> notifications, IMap<String, HazelcastJsonValue> events, Inbox inbox,
            org.pensim.registry.authorities.AuthorityDirectory directory, SignatureVerifier verifier, DocumentValidator validator, GlobalScreening global, RegistryMetrics metrics,
            Clock clock) {
        this.notifications = notifications;
        this.events = events;
        this.inbox = inbox;
        this.directory = directory;
        this.verifier = verifier;
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
        String deadlineAfterAnswer = null;
        if (event.type() == EventType.ANSWER) {
            var importing = org.pensim.protocol.country.CountryProfiles.standard().of(record.get("importingCountry").asText());
            deadlineAfterAnswer = importing.replyDeadline().deadlineFrom(java.time.LocalDate.ofInstant(clock.instant(),
                    java.time.ZoneOffset.UTC), importing.calendar()).toString();
        }
        String outcomeJson = notifications.executeOnKey(notificationId, new NotificationRecords.ApplyEvent(
                event.eventId(), verified.sha256(), event.type(), event.decision(), event.issuerRole(),
                clock.instant().toString(), deadlineAfterAnswer));
        JsonNode outcome = parse(outcomeJson);
        if (outcome.path("duplicate").asBoolean()) {
            if (!outcome.path("sameContent").asBoolean()) {
                throw ApiProblem.conflict("id-conflict", "event " + event.eventId() + " was already submitted with different content");
            }
            return new NotificationIntake.Outcome(200, result(notificationId, event, outcome.get("state").asText()));
        }
        if (!outcome.path("accepted").asBoolean()) {
            metrics.event(event.type().name(), false);
            List<String> allowed = new ArrayList<>();
            outcome.path("allowed").forEach(a -> allowed.add(a.asText()));
            throw ApiProblem.conflict("transition-not-allowed", outcome.path("refusal").asText())
                    .with("currentState", outcome.path("state").asText()).with("allowedEvents", allowed);
        }
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
        events.set(event.eventId(), new HazelcastJsonValue(eventRecord.toString()));
        // The other party learns of it through its inbox.
        if (event.issuerRole() == AuthorityRole.IMPORTING) {
            inbox.append(record.get("exportingCountry").asText(), AuthorityRole.EXPORTING, "EVENT", event.eventId(), notificationId);
        } else {
            inbox.append(record.get("importingCountry").asText(), AuthorityRole.IMPORTING, "EVENT", event.eventId(), notificationId);
        }
        if (event.type() == EventType.REPLY && event.decision() == Decision.OBJECTION) {
            PreExportNotification n = NotificationRecords.notification(record);
            global.recordRefusal(n);
        }
        metrics.event(event.type().name(), true);
        com.fasterxml.jackson.databind.node.ObjectNode answer = result(notificationId, event, outcome.get("state").asText());
        if (deadlineAfterAnswer != null) {
            answer.put("replyDeadline", deadlineAfterAnswer);
        }
        return new NotificationIntake.Outcome(201, answer);
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
