package org.pensim.registry.submission;

import java.time.Instant;

/**
 * What the registry signs when it accepts a notification: the id, the SHA-256 of the canonical bytes
 * it stored, its own time and the notification's sequence number in the registry.
 */
public record Receipt(String type, String notificationId, String sha256, Instant registryTime, long sequence) {

    public static Receipt of(String notificationId, String sha256, Instant at, long sequence) {
        return new Receipt("NOTIFICATION_RECEIPT", notificationId, sha256, at, sequence);
    }
}
