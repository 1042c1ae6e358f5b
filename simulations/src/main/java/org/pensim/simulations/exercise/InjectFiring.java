package org.pensim.simulations.exercise;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.simulations.exercise.ExercisePlan.InjectSpec;
import org.pensim.simulations.exercise.ExerciseRecording.Kind;

/**
 * Fires injects: makes an inject's notification or incident, sends it through the nodes as the real parties would
 * (a shipment through its exporting node, an incident to the importing node that receives it), records the firing,
 * and keeps what each fired inject became for the observer. The exercise decides whether an inject may fire.
 */
final class InjectFiring {

    private final Map<String, FiredInject> fired = new ConcurrentHashMap<>();
    private final ExerciseDocuments documents;
    private final ExerciseNodes nodes;
    private final ExerciseRecording recording;

    InjectFiring(ExerciseDocuments documents, ExerciseNodes nodes, ExerciseRecording recording) {
        this.documents = documents;
        this.nodes = nodes;
        this.recording = recording;
    }

    /** Fires it now and records that {@code by} did; returns the id of the notification or incident it made. */
    String fire(InjectSpec spec, Instant now, String by) {
        FiredInject f = switch (spec.kind()) {
            case SHIPMENT, INFORMATION_REQUEST -> shipment(spec, now);
            case INCIDENT -> incident(spec, now);
        };
        fired.put(spec.id(), f);
        recording.append(Kind.INJECT_FIRED, ProtocolJson.mapper().createObjectNode().put("inject", spec.id())
                .put("kind", spec.kind().name()).put("notificationId", f.notificationId).put("by", by)
                .put("replyDeadline", f.replyDeadline == null ? null : f.replyDeadline.toString()));
        return f.notificationId;
    }

    /** An inject whose time came but that could not fire: it is not tried again. */
    void failed(InjectSpec spec) {
        fired.put(spec.id(), new FiredInject(spec, null, null));
    }

    boolean hasFired(String injectId) {
        return fired.containsKey(injectId);
    }

    Collection<FiredInject> all() {
        return fired.values();
    }

    /** Which injects have fired, with their notification ids ("" when one could not fire). */
    Map<String, String> ids() {
        Map<String, String> m = new LinkedHashMap<>();
        fired.forEach((k, v) -> m.put(k, v.notificationId == null ? "" : v.notificationId));
        return m;
    }

    /** The inject a notification or incident id belongs to, if any. */
    String injectOf(String notificationOrIncidentId) {
        for (FiredInject f : fired.values()) {
            if (notificationOrIncidentId.equals(f.notificationId)) {
                return f.spec.id();
            }
        }
        return null;
    }

    private FiredInject shipment(InjectSpec spec, Instant now) {
        ExerciseNodes.Submitted s = nodes.submit(spec.from(), () -> documents.injectNotification(spec, now));
        if (!s.problems().isEmpty()) {
            throw new IllegalArgumentException("inject '" + spec.id() + "' makes an invalid notification: " + s.problems());
        }
        return new FiredInject(spec, s.notification().id(), s.notification().replyDeadline());
    }

    private FiredInject incident(InjectSpec spec, Instant now) {
        AuthorityCredentials reporter = nodes.partners.containsKey(spec.from()) ? nodes.partners.get(spec.from())
                : nodes.importers.get(spec.from()).settingsCredentials();
        Incident incident = documents.incident(spec, now);
        nodes.importers.get(spec.to()).receiveIncident(new DocumentSigner(reporter).sign(DocumentType.INCIDENT, incident));
        return new FiredInject(spec, incident.id(), null);
    }
}
