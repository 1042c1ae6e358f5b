package org.pensim.simulations.exercise;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;
import org.pensim.exporter.ExporterNode;
import org.pensim.exporter.outbox.Outbox;
import org.pensim.importer.ImporterNode;
import org.pensim.importer.storage.ImporterStore;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.registry.client.RegistryClient;
import org.pensim.simulations.exercise.ExerciseRecording.Kind;

/**
 * The exercise's observer: looks at what each fired inject has become on the nodes (screened, decided, its deadline
 * missed, the partner's request answered) and records each change once, for the scoreboard and the debrief. It also
 * plays the partner authority of an information-request inject, which asks and, once answered, clears.
 */
final class InjectObserver {

    private final ExercisePlan plan;
    private final ExerciseClock clock;
    private final Vertx vertx;
    private final IntSupplier registryPort;
    private final Map<String, ExporterNode> exporters;
    private final Map<String, ImporterNode> importers;
    private final Map<String, AuthorityCredentials> partners;
    private final BiConsumer<Kind, ObjectNode> recorder;

    /** The maps are the exercise's own, filled as its nodes start. */
    InjectObserver(ExercisePlan plan, ExerciseClock clock, Vertx vertx, IntSupplier registryPort,
            Map<String, ExporterNode> exporters, Map<String, ImporterNode> importers,
            Map<String, AuthorityCredentials> partners, BiConsumer<Kind, ObjectNode> recorder) {
        this.plan = plan;
        this.clock = clock;
        this.vertx = vertx;
        this.registryPort = registryPort;
        this.exporters = exporters;
        this.importers = importers;
        this.partners = partners;
        this.recorder = recorder;
    }

    /** Looks at what each fired inject has become and records what changed (called under the exercise's lock). */
    void observe(Collection<FiredInject> fired) {
        Instant now = clock.instant();
        Map<String, Map<String, ImporterStore.Received>> received = new LinkedHashMap<>();
        for (FiredInject f : fired) {
            if (f.notificationId == null) {
                continue;
            }
            switch (f.spec.kind()) {
                case SHIPMENT -> observeShipment(f, received.computeIfAbsent(f.spec.to(), cc -> byId(importers.get(cc))), now);
                case INFORMATION_REQUEST -> observeRequest(f);
                default -> {
                    // an incident is delivered when it fires
                }
            }
        }
    }

    private static Map<String, ImporterStore.Received> byId(ImporterNode node) {
        Map<String, ImporterStore.Received> m = new java.util.HashMap<>();
        node.store().all().forEach(r -> m.put(r.id(), r));
        return m;
    }

    private void observeShipment(FiredInject f, Map<String, ImporterStore.Received> received, Instant now) {
        ImporterStore.Received r = received.get(f.notificationId);
        if (r != null && !f.screened) {
            f.screened = true;
            ObjectNode d = base(f).put("country", f.spec.to()).put("score", r.score())
                    .put("flagged", r.score() >= plan.flagThreshold());
            ArrayNode flags = d.putArray("flags");
            try {
                ProtocolJson.parse(r.flagsJson().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .forEach(x -> flags.add(x.path("indicator").asText()));
            } catch (java.io.IOException ignored) {
                // no flags to list
            }
            recorder.accept(Kind.SCREENED, d);
            if (r.decision() != null) {
                f.lastState = r.state();
                recorder.accept(Kind.STATE, base(f).put("state", r.state()).put("decision", r.decision()).put("automatic", true));
            }
        } else if (r != null && r.decision() != null && !java.util.Objects.equals(f.lastState, r.state())) {
            f.lastState = r.state();
            recorder.accept(Kind.STATE, base(f).put("state", r.state()).put("decision", r.decision()).put("automatic", false));
        }
        boolean decided = r != null && r.decision() != null && !"INFO_REQUESTED".equals(r.decision());
        if (!decided && !f.deadlineRecorded && f.replyDeadline != null
                && !now.isBefore(f.replyDeadline.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))) {
            f.deadlineRecorded = true;
            recorder.accept(Kind.DEADLINE_MISSED, base(f).put("replyDeadline", f.replyDeadline.toString()));
        }
    }

    private void observeRequest(FiredInject f) {
        Outbox.Entry e = exporters.get(f.spec.from()).outbox().all().stream().filter(x -> x.id().equals(f.notificationId))
                .findFirst().orElse(null);
        if (e == null || !"ACKNOWLEDGED".equals(e.status())) {
            return;
        }
        DocumentSigner partner = new DocumentSigner(partners.get(f.spec.to()));
        RegistryClient client = new RegistryClient(vertx, "127.0.0.1", registryPort.getAsInt(), partners.get(f.spec.to()), clock);
        try {
            if (!f.requestSent) {
                LifecycleEvent request = LifecycleEvent.reply(f.spec.to() + "-Q-" + f.notificationId, f.notificationId,
                        clock.instant().truncatedTo(ChronoUnit.SECONDS), f.spec.to(), Decision.INFO_REQUESTED,
                        List.of(f.spec.description() == null ? "please send the end-user certificate" : f.spec.description()));
                String state = client.sendEventAndWait(f.notificationId, partner.sign(DocumentType.EVENT, request));
                f.requestSent = true;
                recorder.accept(Kind.STATE, base(f).put("state", state));
            } else if (!f.answered && answered(f)) {
                f.answered = true;
                recorder.accept(Kind.STATE, base(f).put("state", "ANSWERED"));
                // The partner is satisfied by the answer and closes the case.
                LifecycleEvent clear = LifecycleEvent.reply(f.spec.to() + "-R-" + f.notificationId, f.notificationId,
                        clock.instant().truncatedTo(ChronoUnit.SECONDS), f.spec.to(), Decision.NO_OBJECTION, List.of());
                recorder.accept(Kind.STATE, base(f).put("state", client.sendEventAndWait(f.notificationId,
                        partner.sign(DocumentType.EVENT, clear))).put("decision", "NO_OBJECTION").put("automatic", true));
            }
        } finally {
            client.close();
        }
    }

    /**
     * Whether the exporting authority answered the partner's request: its node recorded an answer the registry
     * accepted. Not its state: the state is DELIVERED from the registry's receipt on, before the request arrives.
     */
    private boolean answered(FiredInject f) {
        return exporters.get(f.spec.from()).outbox().actions().of(f.notificationId).stream()
                .anyMatch(a -> "ANSWER".equals(a.action()));
    }

    private static ObjectNode base(FiredInject f) {
        return ProtocolJson.mapper().createObjectNode().put("inject", f.spec.id()).put("notificationId", f.notificationId);
    }

}
