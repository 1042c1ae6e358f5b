package org.pensim.simulations.exercise;

import java.time.LocalDate;
import org.pensim.simulations.exercise.ExercisePlan.InjectSpec;

/** What the exercise's observer knows of a fired inject: what it became so far, so that each change is recorded once. */
final class FiredInject {
    final InjectSpec spec;
    /** The notification (or incident) the inject made; null when it could not fire. */
    final String notificationId;
    final LocalDate replyDeadline;
    boolean screened;
    String lastState;
    boolean deadlineRecorded;
    boolean requestSent;
    boolean answered;

    FiredInject(InjectSpec spec, String notificationId, LocalDate replyDeadline) {
        this.spec = spec;
        this.notificationId = notificationId;
        this.replyDeadline = replyDeadline;
    }
}
