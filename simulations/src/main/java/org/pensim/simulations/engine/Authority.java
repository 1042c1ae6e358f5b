package org.pensim.simulations.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.pensim.protocol.catalogue.ControlList;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryProfile;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.screening.ScreeningPolicy;
import org.pensim.protocol.screening.national.NationalKnowledge;
import org.pensim.protocol.screening.national.NationalScreening;
import org.pensim.simulations.measure.Case;
import org.pensim.simulations.scenario.Scenario;

/**
 * A country's competent authority in a run: as importing authority it screens with the live nodes' code,
 * replies (or not) and queues work for its officers; as exporting authority it follows its rule on
 * silence and may use the voluntary channel for surveillance-list substances.
 */
final class Authority {

    /** A notification waiting for an officer, with the document the reply refers to and its campaign, if any. */
    record Review(Case kase, PreExportNotification notification, org.pensim.simulations.diversion.Campaign campaign) {
    }

    final String code;
    final Scenario.Behaviour behaviour;
    final CountryProfile profile;
    final NationalScreening screening;
    final Deque<Review> officerQueue = new ArrayDeque<>();
    final double replyProbability;
    final boolean holdsOnSilence;
    final boolean usesVoluntaryChannel;
    boolean officersScheduled;

    Authority(String code, Scenario.Behaviour behaviour, CountryProfile base, SubstanceCatalogue catalogue,
            Set<String> hubs, ScreeningPolicy policy, java.time.Clock clock, boolean neverReplies, boolean holdsOnSilence, boolean usesVoluntaryChannel,
            org.pensim.protocol.screening.national.WatchList incidents) {
        this.code = code;
        this.behaviour = behaviour;
        Set<ControlList> requested = Boolean.TRUE.equals(behaviour.requestsTableII())
                ? Set.of(ControlList.TABLE_I, ControlList.TABLE_II) : base.notificationRequested();
        this.profile = new CountryProfile(code, requested, behaviour.alrKg() != null ? behaviour.alrKg() : base.alrKg(),
                base.calendar(), base.replyDeadline(), true);
        this.screening = new NationalScreening(new NationalKnowledge(profile, catalogue, hubs, incidents), policy, clock,
                () -> 0L);
        this.replyProbability = neverReplies ? 0 : behaviour.replyProbability();
        this.holdsOnSilence = holdsOnSilence;
        this.usesVoluntaryChannel = usesVoluntaryChannel;
    }
}
