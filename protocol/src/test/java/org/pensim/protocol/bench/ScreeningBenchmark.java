package org.pensim.protocol.bench;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryProfiles;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.incident.IncidentType;
import org.pensim.protocol.incident.InvolvedEntity;
import org.pensim.protocol.notification.Address;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.screening.RiskAssessment;
import org.pensim.protocol.screening.ScreeningPolicy;
import org.pensim.protocol.screening.global.GlobalScreening;
import org.pensim.protocol.screening.global.GlobalStateStore;
import org.pensim.protocol.screening.national.LicensedOperator;
import org.pensim.protocol.screening.national.NationalKnowledge;
import org.pensim.protocol.screening.national.NationalScreening;
import org.pensim.protocol.testing.NotificationDraft;

/**
 * National screening of one notification against a history of one million notifications, 2,000
 * licensed operators and 1,700 watch-list entities (the size of PICS by 2016); and the throughput of
 * the global indicators over an in-process state store.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class ScreeningBenchmark {

    @Param({"1000000"})
    public int history;

    private NationalScreening national;
    private GlobalScreening global;
    private PreExportNotification[] probes;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() {
        NationalKnowledge knowledge = new NationalKnowledge(CountryProfiles.standard().of("IN"),
                SubstanceCatalogue.standard(), Set.of("AF", "MM"));
        List<PreExportNotification> templates = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String name = "Importer " + i + " Pharma Pvt Ltd";
            knowledge.register().license(new LicensedOperator(name, "IN", List.of(new Identifier("REG", "IN-" + i)),
                    LocalDate.of(2030, 1, 1), Set.of()));
            templates.add(NotificationDraft.example().singleItem().transit()
                    .set("/parties/1/name", name).set("/parties/1/identifiers/0/value", "IN-" + i).build());
        }
        for (int i = 0; i < 1700; i++) {
            knowledge.learn(new Incident("INC-" + i, IncidentType.SEIZURE, "AE", Instant.parse("2025-01-01T00:00:00Z"),
                    LocalDate.of(2024, 12, 1), null, null, null, List.of(new InvolvedEntity("Watched Trading Company " + i
                    + " FZE", "consignee", new Address("x", "Dubai", null, "AE", null),
                    List.of(new Identifier("LIC", "W-" + i)))), "seized"));
        }
        for (int i = 0; i < history; i++) {
            PreExportNotification t = templates.get(i % templates.size());
            knowledge.record(t.withId("H-" + i));
        }
        national = new NationalScreening(knowledge, ScreeningPolicy.defaults(), Clock.systemUTC(), System::nanoTime);
        global = new GlobalScreening(new GlobalStateStore.InMemory(), ScreeningPolicy.defaults(), Clock.systemUTC(),
                System::nanoTime);
        probes = new PreExportNotification[1024];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = templates.get((i * 7) % templates.size()).withId("P-" + i);
        }
        if (knowledge.history().size() != history) {
            throw new IllegalStateException("history not built");
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public RiskAssessment nationalScreeningOfOneNotification() {
        PreExportNotification n = probes[(int) (counter++ & 1023)];
        return national.screen(n, n.issuedAt(), System.nanoTime());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object globalDetection() {
        PreExportNotification n = probes[(int) (counter++ & 1023)];
        return global.screen(n.withId("G-" + counter), n.issuedAt(), System.nanoTime());
    }

    static BigDecimal kg(String v) {
        return new BigDecimal(v);
    }
}
