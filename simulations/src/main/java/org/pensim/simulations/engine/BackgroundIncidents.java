package org.pensim.simulations.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.pensim.protocol.catalogue.ControlList;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.incident.IncidentType;
import org.pensim.protocol.incident.InvolvedEntity;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.protocol.notification.PartyRole;
import org.pensim.simulations.diversion.ShellNames;
import org.pensim.simulations.scenario.ModelParameters;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.trade.Operator;

/**
 * The incidents of the world outside the simulated campaigns (seizures and stopped shipments reported to
 * PICS, a share of them involving non-scheduled chemicals): they name other entities and feed every
 * authority's watch list, so that screening meets the noise a real watch list carries.
 */
final class BackgroundIncidents {

    private final Scenario scenario;
    private final World world;
    private final EventQueue agenda;
    private final SplittableRandom r;
    private final ShellNames names;
    private final Consumer<Incident> share;
    private final double perDay;
    private final double nonScheduledShare;
    private final double stoppedShare;
    private final List<Substance> scheduled = new ArrayList<>();
    private final List<Substance> nonScheduled = new ArrayList<>();
    private int sequence;

    BackgroundIncidents(Scenario scenario, ModelParameters model, World world, EventQueue agenda, SplittableRandom r,
            ShellNames names, SubstanceCatalogue catalogue, Consumer<Incident> share) {
        this.scenario = scenario;
        this.world = world;
        this.agenda = agenda;
        this.r = r;
        this.names = names;
        this.share = share;
        this.perDay = model.number("incidents.backgroundPerYear") / 365.0;
        this.nonScheduledShare = model.probability("incidents.nonScheduledShare");
        this.stoppedShare = model.probability("incidents.stoppedShipmentShare");
        for (Substance s : catalogue.all()) {
            (s.list() == ControlList.SURVEILLANCE ? nonScheduled : scheduled).add(s);
        }
    }

    void draw(int d) {
        if (d >= scenario.durationDays() || perDay <= 0) {
            return;
        }
        LocalDate day = scenario.start().plusDays(d);
        if (d + 1 < scenario.durationDays()) {
            agenda.at(day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(1), () -> draw(d + 1));
        }
        int n = org.pensim.simulations.trade.TradeDocuments.poisson(r, perDay);
        for (int i = 0; i < n; i++) {
            Instant at = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(r.nextInt(86_400));
            List<Substance> pool = r.nextDouble() < nonScheduledShare ? nonScheduled : scheduled;
            Substance s = pool.get(r.nextInt(pool.size()));
            String country = world.importers.get(r.nextInt(world.importers.size()));
            IncidentType type = r.nextDouble() < stoppedShare ? IncidentType.STOPPED_SHIPMENT : IncidentType.SEIZURE;
            Operator entity = new Operator(names.next(country, r), country, BusinessType.TRADING_COMPANY, null, false);
            String id = "INC-BG-" + (++sequence);
            agenda.at(at, () -> share.accept(new Incident(id, type, country, at, LocalDate.ofInstant(at, ZoneOffset.UTC),
                    s.id(), null, null, List.of(new InvolvedEntity(entity.name(), "consignee",
                            entity.as(PartyRole.CONSIGNEE).address(), entity.as(PartyRole.CONSIGNEE).identifiers())),
                    "background incident")));
        }
    }
}
