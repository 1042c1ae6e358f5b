package org.pensim.registry.screening;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.screening.Flag;
import org.pensim.protocol.screening.global.GlobalScreening;
import org.pensim.registry.lifecycle.NotificationRecords;

/**
 * Runs the global indicators on a stored notification taken from the {@link GlobalScreeningQueue} and
 * adds the flags they raise to its entry in the global flags map (which the importing authority's inbox
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
     * The indicators' windows are updated before this returns (in the order of the calls); the flags are
     * written when the returned stage completes, so that a screening thread does not wait for their commit.
     */
    @Override
    public CompletionStage<?> screen(String notificationId, long acceptedEpochNanos) throws Exception {
        HazelcastJsonValue stored = notifications.get(notificationId);
        if (stored == null || NotificationRecords.isClaim(stored)) {
            // Only stored records are queued, and records are never removed: nothing to screen.
            return CompletableFuture.completedFuture(null);
        }
        ObjectNode record = NotificationRecords.parse(stored);
        PreExportNotification n = NotificationRecords.notification(record);
        List<Flag> flags = global.screen(n, Instant.parse(record.get("receivedAt").asText()), acceptedEpochNanos);
        if (flags.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return globalFlags.submitToKey(notificationId, new NotificationRecords.AddFlags(
                ProtocolJson.mapper().writeValueAsString(flags)));
    }
}
