package org.pensim.importer.replies;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.pensim.importer.storage.ImporterStore;
import org.pensim.protocol.desk.Correspondence;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.registry.client.RegistryClient;

/**
 * The replies an importing node makes by itself, below and above its thresholds, and their sending until the registry
 * has them: a reply the registry could not be reached for is kept as {@link #PENDING} and sent again
 * ({@link #retryPending}), or the exporting authority would learn nothing and the deadline would pass as unanswered.
 */
public final class AutomaticReplies {

    /** The state of a notification whose automatic reply has not reached the registry yet. */
    public static final String PENDING = "REPLY_PENDING";
    /** The state of a notification whose automatic reply the registry refused (it would refuse it again). */
    public static final String REFUSED = "REPLY_REFUSED";
    /** An objection gives at most this many reasons: the explanations of its first flags. */
    private static final int MAX_REASONS = 10;

    private final String country;
    private final ImporterStore store;
    private final RegistryClient registry;
    private final DocumentSigner signer;
    private final MeterRegistry metrics;
    private final Clock clock;

    public AutomaticReplies(String country, ImporterStore store, RegistryClient registry, DocumentSigner signer,
            MeterRegistry metrics, Clock clock) {
        this.country = country;
        this.store = store;
        this.registry = registry;
        this.signer = signer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Signs and sends a reply; its id derives from the notification, so a resend is recognised.
     *
     * @param reasons the flags' explanations, for an objection
     * @return the notification's state as the registry answered, or {@link #PENDING} or {@link #REFUSED}
     */
    public String send(String notificationId, Instant at, Decision decision, List<String> reasons) {
        List<String> why = decision == Decision.NO_OBJECTION ? List.of() : reasons.stream().limit(MAX_REASONS).toList();
        if (decision != Decision.NO_OBJECTION && why.isEmpty()) {
            why = List.of("risk score above the authority's objection level");
        }
        LifecycleEvent e = LifecycleEvent.reply(country + "-R-" + notificationId, notificationId, at.truncatedTo(ChronoUnit.SECONDS),
                country, decision, why);
        try {
            RegistryClient.Response r = registry.event(notificationId, signer.sign(DocumentType.EVENT, e))
                    .toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            if (org.pensim.registry.client.EventIdTaken.answered(r)) {
                // An earlier sending, whose answer was lost, is what the registry holds: it stands.
                JsonNode applied = registry.appliedEvent(notificationId, e.eventId());
                return applied != null ? applied.path("state").asText() : REFUSED;
            }
            if (r.ok()) {
                store.correspondence().record(Correspondence.of(ProtocolJson.tree(e)));
                Counter.builder("pensim_importer_replies").description("Replies sent, by decision").tag("decision", decision.name())
                        .register(metrics).increment();
            }
            return r.ok() ? r.body().path("state").asText(decision.name()) : r.status() >= 500 ? PENDING : REFUSED;
        } catch (Exception unreachable) {
            return PENDING;
        }
    }

    /**
     * Sends again the automatic replies that did not reach the registry, oldest first; stops at the first that still
     * does not (the registry is away: the next run tries again).
     *
     * @return how many reached it
     */
    public int retryPending() {
        int sent = 0;
        for (ImporterStore.Received r : store.all()) {
            if (!PENDING.equals(r.state()) || r.decision() == null) {
                continue;
            }
            String state = send(r.id(), clock.instant(), Decision.valueOf(r.decision()), reasons(r.flagsJson()));
            if (PENDING.equals(state)) {
                break;
            }
            store.decide(r.id(), r.decision(), state);
            sent++;
        }
        return sent;
    }

    /** The explanations of stored flags (what {@code flagsJson} holds), in their order. */
    public static List<String> reasons(String flagsJson) {
        List<String> out = new ArrayList<>();
        try {
            ProtocolJson.parse(flagsJson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .forEach(f -> out.add(f.path("explanation").asText()));
        } catch (java.io.IOException unreadable) {
            // no reasons to give; send() gives the generic one
        }
        return out;
    }
}
