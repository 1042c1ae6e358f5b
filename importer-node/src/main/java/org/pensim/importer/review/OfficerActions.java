package org.pensim.importer.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.pensim.importer.storage.ImporterStore;
import org.pensim.protocol.desk.Correspondence;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.EventType;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.officer.OfficerSessions;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.quantity.Quantity;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.registry.client.RegistryClient;

/**
 * What an importing officer does from the desk: decide a notification from the review queue (no objection,
 * objection, or a request for information) and confirm that goods arrived. Each is an event signed by the
 * authority, sent to the registry and written in the notification's action log with the officer's name.
 */
public final class OfficerActions {

    private final String country;
    private final ImporterStore store;
    private final RegistryClient registry;
    private final DocumentSigner signer;
    private final MeterRegistry metrics;
    private final Clock clock;

    public OfficerActions(String country, ImporterStore store, RegistryClient registry, DocumentSigner signer,
            MeterRegistry metrics, Clock clock) {
        this.country = country;
        this.store = store;
        this.registry = registry;
        this.signer = signer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * An officer's decision from the review queue, signed by this authority and sent to the registry.
     *
     * @return the notification's state as the registry answered it
     * @throws IllegalArgumentException when the decision cannot be made, saying why
     */
    public String decide(String id, JsonNode body, OfficerSessions.Officer officer) {
        Decision decision;
        try {
            decision = Decision.valueOf(body.path("decision").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("decision must be NO_OBJECTION, OBJECTION or INFO_REQUESTED");
        }
        ImporterStore.Received r = store.all().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no notification " + id + " was received"));
        if (r.decision() != null) {
            throw new IllegalArgumentException(id + " was already decided: " + r.decision());
        }
        List<String> reasons = new ArrayList<>();
        body.path("reasons").forEach(x -> {
            if (!x.asText().isBlank()) {
                reasons.add(x.asText());
            }
        });
        if (decision != Decision.NO_OBJECTION && reasons.isEmpty()) {
            throw new IllegalArgumentException("an objection or a request for information needs at least one reason");
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        // A notification may be decided again after an answer: each reply has its own id.
        int earlier = store.actions().of(id).size();
        LifecycleEvent e = LifecycleEvent.reply(country + "-O-" + id + "-" + (earlier + 1), id, at, country, decision, reasons);
        String state;
        try {
            state = registry.sendEventAndWait(id, signer.sign(DocumentType.EVENT, e));
        } catch (org.pensim.registry.client.EventIdTaken taken) {
            return takeEarlierAttempt(id, taken, officer);
        }
        store.decide(id, decision.name(), state);
        store.correspondence().record(Correspondence.of(ProtocolJson.tree(e)));
        store.actions().record(id, clock.instant(), officer, decision.name(), String.join("; ", reasons));
        Counter.builder("pensim_importer_replies").description("Replies sent, by decision").tag("decision", decision.name())
                .register(metrics).increment();
        return state;
    }

    /**
     * The registry already holds a decision under this decision's id: this node's earlier attempt, whose answer was
     * lost (the connection broke or a member died after the registry recorded it), since the id is numbered from the
     * decisions recorded here. That decision stands and has reached the exporting authority; the node records it
     * instead of leaving the officer facing a refusal they cannot get past.
     */
    private String takeEarlierAttempt(String id, org.pensim.registry.client.EventIdTaken taken, OfficerSessions.Officer officer) {
        JsonNode applied = registry.appliedEvent(id, taken.eventId());
        if (applied == null) {
            throw taken;
        }
        String decision = applied.path("decision").asText(null);
        store.decide(id, decision, applied.path("state").asText());
        store.actions().record(id, clock.instant(), officer, decision, org.pensim.registry.client.EventIdTaken.earlierAttempt(applied));
        return applied.path("state").asText();
    }

    /** Confirms that the goods arrived (RECEIVE), signed by this authority; returns the notification's state. */
    public String confirmReceipt(String id, JsonNode body, OfficerSessions.Officer officer) {
        LocalDate date = body.hasNonNull("date") ? LocalDate.parse(body.get("date").asText())
                : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LifecycleEvent e = new LifecycleEvent(country + "-C-" + id, id, EventType.RECEIVE,
                clock.instant().truncatedTo(ChronoUnit.SECONDS), country, AuthorityRole.IMPORTING, null, null, null, date,
                body.hasNonNull("quantityKg") ? Quantity.kg(body.get("quantityKg").asText()) : null, null);
        String state = registry.sendEventAndWait(id, signer.sign(DocumentType.EVENT, e));
        store.decide(id, store.all().stream().filter(r -> r.id().equals(id)).map(ImporterStore.Received::decision)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null), state);
        store.actions().record(id, clock.instant(), officer, "RECEIVE", body.isEmpty() ? null : body.toString());
        return state;
    }
}
