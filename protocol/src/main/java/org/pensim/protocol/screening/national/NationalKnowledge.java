package org.pensim.protocol.screening.national;

import java.util.Set;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryProfile;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.screening.Dismissals;

/**
 * Everything one importing authority knows when it screens: its country profile (ALRs, calendar), its
 * register of licensed operators, the notifications addressed to it, the incidents shared with it, its
 * officers' dismissals, and its list of transit hubs of concern.
 */
public final class NationalKnowledge {

    private final CountryProfile country;
    private final SubstanceCatalogue catalogue;
    private final SubstituteRelations substitutes;
    private final OperatorRegister register = new OperatorRegister();
    private final TradeHistory history = new TradeHistory();
    private final WatchList watchList;
    private final Dismissals dismissals = new Dismissals();
    private volatile Set<String> transitHubsOfConcern;

    public NationalKnowledge(CountryProfile country, SubstanceCatalogue catalogue, Set<String> transitHubsOfConcern) {
        this(country, catalogue, transitHubsOfConcern, new WatchList());
    }

    /**
     * With a watch list shared by every authority that receives the same incidents (a simulation where all
     * subscribe to PICS): the entries, and the name matches already computed, are kept once, not per country.
     */
    public NationalKnowledge(CountryProfile country, SubstanceCatalogue catalogue, Set<String> transitHubsOfConcern,
            WatchList sharedWatchList) {
        this.watchList = sharedWatchList;
        this.country = country;
        this.catalogue = catalogue;
        this.substitutes = SubstituteRelations.standard();
        this.transitHubsOfConcern = Set.copyOf(transitHubsOfConcern);
    }

    public CountryProfile country() {
        return country;
    }

    public SubstanceCatalogue catalogue() {
        return catalogue;
    }

    public SubstituteRelations substitutes() {
        return substitutes;
    }

    public OperatorRegister register() {
        return register;
    }

    public TradeHistory history() {
        return history;
    }

    public WatchList watchList() {
        return watchList;
    }

    public Dismissals dismissals() {
        return dismissals;
    }

    public Set<String> transitHubsOfConcern() {
        return transitHubsOfConcern;
    }

    public void setTransitHubsOfConcern(Set<String> hubs) {
        this.transitHubsOfConcern = Set.copyOf(hubs);
    }

    /** Remembers a screened notification addressed to this country. */
    public void record(PreExportNotification n) {
        history.record(n);
    }

    /** Adds the entities of a shared incident to the watch list. */
    public void learn(Incident incident) {
        watchList.add(incident);
    }
}
