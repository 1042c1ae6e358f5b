package org.pensim.simulations.engine;

import java.time.Clock;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.screening.ScreeningPolicy;

/** What every part of a run shares: the virtual clock, the catalogue and the screening policy. */
record SimulationServices(Clock clock, SubstanceCatalogue catalogue, ScreeningPolicy policy) {
}
