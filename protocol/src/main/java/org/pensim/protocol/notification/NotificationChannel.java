package org.pensim.protocol.notification;

/**
 * FULL: a pre-export notification under art. 12(10)(a), with a reply deadline.
 * VOLUNTARY: the "light" channel for surveillance-list substances, without a deadline.
 */
public enum NotificationChannel {
    FULL, VOLUNTARY
}
