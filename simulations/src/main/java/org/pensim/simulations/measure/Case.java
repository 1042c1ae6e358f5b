package org.pensim.simulations.measure;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.pensim.protocol.lifecycle.NotificationState;
import org.pensim.protocol.screening.Flag;
import org.pensim.protocol.screening.IndicatorCode;

/**
 * One shipment attempt followed through a run: licit or a diversion attempt, notified or not, with what
 * happened to it. Mutable while the run goes; read by the measures and outputs afterwards.
 */
public final class Case {
    public final String id;
    public final String kind;
    public final String campaign;
    public final String exportingCountry;
    public final String importingCountry;
    public final String substanceId;
    public final BigDecimal pureKg;
    public final Instant submittedAt;
    public final LocalDate dispatchDate;
    public final boolean notified;

    public NotificationState state = NotificationState.SUBMITTED;
    public final List<RaisedFlag> flags = new ArrayList<>();
    public double score;
    public Instant firstFlagAt;
    public Instant readAt;
    public String decision;
    public Instant decidedAt;
    public String decidedBy;
    public Instant shippedAt;
    public Instant seizedAt;
    public Instant receivedAt;
    /** When the exporting authority (or the registry) stopped the shipment, and why. */
    public Instant stoppedAt;
    public String stopReason;
    /** The importer as declared (for the incident that names it if the goods are seized or stopped). */
    public org.pensim.simulations.trade.Operator importer;
    /** The exporting authority held the shipment until a reply. */
    public boolean held;
    public final List<Event> events = new ArrayList<>();

    /**
     * A flag as a run keeps it for its outputs. The screening's {@link Flag} also carries its evidence map and
     * wall-clock time, which no output of a run reports; a year of cases kept those for nothing, and the
     * collector copied them.
     */
    public record RaisedFlag(IndicatorCode indicator, double weight, Instant flaggedAt, long simulatedNanosToFlag,
            String subject, String explanation) {
        public static RaisedFlag of(Flag f) {
            return new RaisedFlag(f.indicator(), f.effectiveWeight(), f.flaggedAt(), f.timeToFlag().simulated().toNanos(),
                    f.subject(), f.explanation());
        }

        /** As {@link org.pensim.protocol.screening.TimeToFlag#simulatedHours()} computes it. */
        public double simulatedHoursToFlag() {
            return simulatedNanosToFlag / 3.6e12;
        }
    }

    /**
     * Something that happened to the case: a transition of the lifecycle table ({@code from} and {@code to}
     * set) or a note. Its text and time are formatted only when the outputs are written, not for every
     * transition of a run.
     */
    public record Event(Instant at, Object label, NotificationState from, NotificationState to) {
        public Event(Instant at, String note) {
            this(at, note, null, null);
        }

        /** As written to {@code events.csv}: {@code DELIVER SUBMITTED->DELIVERED}, or the note. */
        public String what() {
            return from == null ? String.valueOf(label) : label + " " + from + "->" + to;
        }
    }

    public Case(String id, String kind, String campaign, String exportingCountry, String importingCountry,
            String substanceId, BigDecimal pureKg, Instant submittedAt, LocalDate dispatchDate, boolean notified) {
        this.id = id;
        this.kind = kind;
        this.campaign = campaign;
        this.exportingCountry = exportingCountry;
        this.importingCountry = importingCountry;
        this.substanceId = substanceId;
        this.pureKg = pureKg;
        this.submittedAt = submittedAt;
        this.dispatchDate = dispatchDate;
        this.notified = notified;
    }

    public boolean licit() {
        return "licit".equals(kind);
    }

    public boolean detected() {
        return firstFlagAt != null;
    }

    public boolean stopped() {
        return stoppedAt != null;
    }

    public boolean shipped() {
        return shippedAt != null;
    }

    /** Shipped and not seized: in the traffickers' hands. */
    public boolean diverted() {
        return !licit() && shippedAt != null && seizedAt == null;
    }

    /** Simulated hours from submission (or, unnotified, from the attempt) to the first flag. */
    public double hoursToFlag() {
        return firstFlagAt == null ? Double.NaN : (firstFlagAt.toEpochMilli() - submittedAt.toEpochMilli()) / 3_600_000.0;
    }
}
