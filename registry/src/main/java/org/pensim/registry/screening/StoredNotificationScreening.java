package org.pensim.registry.screening;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.screening.Flag;
import org.pensim.protocol.screening.global.GlobalScreening;
import org.pensim.registry.lifecycle.NotificationRecords;

/**
 * Runs the global indicators on stored notifications taken from the {@link GlobalScreeningQueue}, a batch at a
 * time, and adds the flags each raises to its entry in the global flags map (which the importing authority's inbox
 * and the notification's record show with it).
 */
public final class StoredNotificationScreening implements GlobalScreeningQueue.Screener {

    private final IMap<String, HazelcastJsonValue> notifications;
    private final IMap<String, HazelcastJsonValue> globalFlags;
    private final GlobalScreening global;

    public StoredNotificationScreening(IMap<String, HazelcastJsonValue> notifications,
            IMap<String, HazelcastJsonValue> globalFlags, GlobalScreening global) {
        this.notifications = notifications;
        this.globalFlags = globalFlags;
        this.global = global;
    }

    /** The wall clock the registry times flags with: comparable between members, unlike System.nanoTime. */
    public static long epochNanos() {
        return epochNanos(Instant.now());
    }

    static long epochNanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    /**
     * The indicators' windows are updated before this returns (in the order of the batch, all of the batch's
     * updates sent at once); each notification's flags are written when its stage completes, so that a screening
     * thread does not wait for their commit.
     */
    @Override
    public List<CompletionStage<?>> screen(List<GlobalScreeningQueue.Queued> batch) throws Exception {
        // Entries queued with their document need no record; the others (a cold start's replay) read it.
        Map<String, HazelcastJsonValue> stored = notifications.getAll(batch.stream().filter(q -> q.document() == null)
                .map(GlobalScreeningQueue.Queued::notificationId).collect(Collectors.toSet()));
        List<GlobalScreening.Submitted> screened = new ArrayList<>(batch.size());
        List<Integer> positions = new ArrayList<>(batch.size());
        List<CompletionStage<?>> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            GlobalScreeningQueue.Queued q = batch.get(i);
            out.add(NOTHING_TO_STORE);
            if (q.document() != null) {
                screened.add(new GlobalScreening.Submitted(ProtocolJson.fromTree(q.document(),
                        org.pensim.protocol.notification.PreExportNotification.class), Instant.parse(q.receivedAt()),
                        q.acceptedEpochNanos()));
                positions.add(i);
                continue;
            }
            HazelcastJsonValue v = stored.get(q.notificationId());
            if (v == null) {
                // Only stored records are queued, and records are never removed: nothing to screen.
                continue;
            }
            ObjectNode record = NotificationRecords.parse(v);
            screened.add(new GlobalScreening.Submitted(NotificationRecords.notification(record),
                    Instant.parse(record.get("receivedAt").asText()), q.acceptedEpochNanos()));
            positions.add(i);
        }
        List<List<Flag>> flags = global.screenAll(screened);
        for (int j = 0; j < screened.size(); j++) {
            if (!flags.get(j).isEmpty()) {
                String id = screened.get(j).notification().id();
                out.set(positions.get(j), globalFlags.submitToKey(id, new NotificationRecords.AddFlags(
                        ProtocolJson.mapper().writeValueAsString(flags.get(j)))));
            }
        }
        return out;
    }

    private static final CompletionStage<?> NOTHING_TO_STORE = CompletableFuture.completedFuture(null);
}
