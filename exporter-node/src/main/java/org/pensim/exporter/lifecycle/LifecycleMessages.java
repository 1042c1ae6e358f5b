package org.pensim.exporter.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import org.pensim.exporter.outbox.Outbox;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.officer.OfficerSessions;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.registry.client.RegistryClient;

/**
 * What an exporting officer sends about a notification the registry acknowledged: a withdrawal, the shipment, or an
 * answer to a request for information. Each is an event signed by the authority; the registry's answer (the new state,
 * and the restarted reply deadline after an answer) is kept in the outbox with the officer's name.
 */
public final class LifecycleMessages {

    private final String country;
    private final Outbox outbox;
    private final RegistryClient registry;
    private final DocumentSigner signer;
    private final Clock clock;

    public LifecycleMessages(String country, Outbox outbox, RegistryClient registry, DocumentSigner signer, Clock clock) {
        this.country = country;
        this.outbox = outbox;
        this.registry = registry;
        this.signer = signer;
        this.clock = clock;
    }

    /**
     * The exporting authority's lifecycle messages: withdraw (reasons), record the shipment (date,
     * reference) and answer a request for information (message), each signed and sent to the registry,
     * which refuses them in a state that does not allow them.
     *
     * @param action {@code withdraw}, {@code shipment} or {@code answer}
     * @return the notification's state as the registry answered it
     * @throws IllegalArgumentException when the message cannot be sent, saying why
     */
    public String send(String id, String action, JsonNode body, OfficerSessions.Officer officer) {
        if (outbox.all().stream().noneMatch(e -> e.id().equals(id) && "ACKNOWLEDGED".equals(e.status()))) {
            throw new IllegalArgumentException("notification " + id + " is not acknowledged by the registry yet");
        }
        java.time.Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<String> reasons = new java.util.ArrayList<>();
        body.path("reasons").forEach(r -> reasons.add(r.asText()));
        org.pensim.protocol.lifecycle.LifecycleEvent e = switch (action) {
            case "withdraw" -> new org.pensim.protocol.lifecycle.LifecycleEvent(country + "-W-" + id, id,
                    org.pensim.protocol.lifecycle.EventType.WITHDRAW, at, country,
                    org.pensim.protocol.pki.AuthorityRole.EXPORTING, null, reasons.isEmpty() ? null : reasons, null, null, null, null);
            case "shipment" -> new org.pensim.protocol.lifecycle.LifecycleEvent(country + "-S-" + id, id,
                    org.pensim.protocol.lifecycle.EventType.SHIP, at, country,
                    org.pensim.protocol.pki.AuthorityRole.EXPORTING, null, null, null,
                    body.hasNonNull("date") ? java.time.LocalDate.parse(body.get("date").asText())
                            : java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC), null,
                    body.path("reference").asText(null));
            case "answer" -> {
                if (body.path("message").asText("").isBlank()) {
                    throw new IllegalArgumentException("an answer needs a message");
                }
                // Each answer its own id: a notification may be asked and answered more than once.
                yield new org.pensim.protocol.lifecycle.LifecycleEvent(country + "-A-" + id + "-"
                        + (outbox.actions().of(id).size() + 1),
                        id, org.pensim.protocol.lifecycle.EventType.ANSWER, at, country,
                        org.pensim.protocol.pki.AuthorityRole.EXPORTING, null, null, body.get("message").asText(), null, null, null);
            }
            default -> throw new IllegalArgumentException("unknown action " + action);
        };
        JsonNode answer;
        try {
            answer = registry.sendEventAndWaitForAnswer(id, signer.sign(DocumentType.EVENT, e));
        } catch (org.pensim.registry.client.EventIdTaken taken) {
            // This node's earlier attempt, whose answer was lost (the ids are this node's own): it stands.
            JsonNode applied = registry.appliedEvent(id, taken.eventId());
            if (applied == null) {
                throw taken;
            }
            outbox.state(id, applied.path("state").asText());
            if (applied.hasNonNull("replyDeadline")) {
                outbox.replyDeadline(id, applied.get("replyDeadline").asText());
            }
            outbox.actions().record(id, clock.instant(), officer, e.type().name(), org.pensim.registry.client.EventIdTaken.earlierAttempt(applied));
            return applied.path("state").asText();
        }
        String state = answer.path("state").asText();
        outbox.state(id, state);
        if (answer.hasNonNull("replyDeadline")) {
            outbox.replyDeadline(id, answer.get("replyDeadline").asText());
        }
        outbox.actions().record(id, clock.instant(), officer, e.type().name(), body.isEmpty() ? null : body.toString());
        org.pensim.protocol.desk.Correspondence.Message message = org.pensim.protocol.desk.Correspondence.of(ProtocolJson.tree(e));
        if (message != null) {
            outbox.correspondence().record(message);
        }
        return state;
    }
}
