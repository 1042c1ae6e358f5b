package org.pensim.simulations.exercise;

import java.util.List;
import org.pensim.simulations.exercise.ExercisePlan.InjectSpec;
import org.pensim.simulations.exercise.ExercisePlan.ParticipantRole;
import org.pensim.simulations.exercise.ExercisePlan.ParticipantSpec;

/**
 * The briefing page as one participant reads it ({@code briefing.jte}): the scenario, the objectives, the
 * roles, and what this participant will see. Only the trainer and observers see the injects.
 */
public record BriefingPage(ExercisePlan plan, String viewer, ParticipantRole role, String country) {

    public List<ParticipantSpec> participants() {
        return plan.participants();
    }

    /** The injects, for those who run or evaluate the exercise; none for officers, whom they must surprise. */
    public List<InjectSpec> injects() {
        return role == ParticipantRole.OFFICER ? List.of() : plan.injects();
    }

    public String whatYouSee() {
        return switch (role) {
            case OFFICER -> "You play the competent authority of " + country + ": its importing desk (the review queue of"
                    + " notifications from other countries, incidents) and its exporting desk (your exporters' notifications,"
                    + " requests for information). Everything you do there is recorded with your name.";
            case TRAINER -> "You run the exercise from the console: the clock, the events list (fire, move, cancel, add injects),"
                    + " the live scoreboard, the sign-in codes, notes, and the after-action report.";
            case OBSERVER -> "You watch the console (scoreboard, events list, log) and write evaluators' notes; you cannot"
                    + " change the exercise or see anyone's sign-in code.";
        };
    }
}
