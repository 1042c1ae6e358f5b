package org.pensim.protocol.lifecycle;

/** Where a notification stands; see {@link LifecycleTransitions} for how it moves. */
public enum NotificationState {
    SUBMITTED, DELIVERED, NO_OBJECTION, OBJECTION, INFO_REQUESTED, NO_REPLY, SHIPPED,
    RECEIVED, WITHDRAWN, STOPPED;

    public boolean isFinal() {
        return this == RECEIVED || this == WITHDRAWN || this == STOPPED;
    }
}
