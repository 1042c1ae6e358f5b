package org.pensim.registry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.internal.serialization.impl.SerializationConstants;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.lifecycle.EventType;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.screening.global.GlobalDetectors;
import org.pensim.protocol.screening.global.GlobalDetectors.Shipment;
import org.pensim.protocol.screening.global.GlobalStateStore;
import org.pensim.registry.lifecycle.NotificationRecords;

/**
 * What members send each other travels by the registry's own serializers, never by Java serialization: every
 * entry processor of the registry, and every update of the global indicators the protocol defines, including
 * ones added later.
 */
class ClusterSerializationTest {

    private final InternalSerializationService members = serializationService();

    private static InternalSerializationService serializationService() {
        SerializationConfig config = new SerializationConfig();
        ClusterSerialization.configure(config);
        return new DefaultSerializationServiceBuilder().setConfig(config).build();
    }

    @Test
    void every_entry_processor_of_the_registry_writes_itself_with_a_class_id_of_its_own() throws Exception {
        List<Class<?>> processors = registryClasses().stream().filter(EntryProcessor.class::isAssignableFrom).toList();
        assertThat(processors).as("entry processors found").hasSizeGreaterThanOrEqualTo(7);
        Set<Integer> ids = new HashSet<>();
        for (Class<?> c : processors) {
            assertThat(IdentifiedDataSerializable.class).as(c.getName()).isAssignableFrom(c);
            IdentifiedDataSerializable blank = (IdentifiedDataSerializable) c.getConstructor().newInstance();
            assertThat(blank.getFactoryId()).as(c.getName()).isEqualTo(ClusterSerialization.FACTORY_ID);
            assertThat(ids.add(blank.getClassId())).as("class id of %s used twice", c.getName()).isTrue();
            // The factory makes what the id names: a member can read what another wrote.
            assertThat(ClusterSerialization.factory().create(blank.getClassId())).isInstanceOf(c);
        }
    }

    @Test
    void an_entry_processor_arrives_with_its_fields() {
        var event = new NotificationRecords.ApplyEvent("DE-1/answer", "ab12", EventType.ANSWER, null,
                AuthorityRole.EXPORTING, "2026-12-03T10:00:00Z", "2026-12-20");
        NotificationRecords.ApplyEvent copy = members.toObject(members.toData(event));
        assertThat(copy).usingRecursiveComparison().isEqualTo(event);
        var allocate = new org.pensim.registry.delivery.InboxHead.Allocate(42L, "a-member");
        assertThat(members.<org.pensim.registry.delivery.InboxHead.Allocate>toObject(members.toData(allocate)))
                .usingRecursiveComparison().isEqualTo(allocate);
        var increment = new Counters.Increment(500);
        assertThat(members.<Counters.Increment>toObject(members.toData(increment))).usingRecursiveComparison()
                .isEqualTo(increment);
    }

    @Test
    void every_update_of_the_global_indicators_and_its_detection_have_a_serializer_and_arrive_equal() throws Exception {
        Shipment s = new Shipment("DE-7", 20_000, "DE", "IN", "pseudoephedrine", new BigDecimal("12.500"));
        TreeMap<String, String> evidence = new TreeMap<>(java.util.Map.of("countries", "DE, NL", "kg", "25.000"));
        List<Object> samples = List.of(
                new GlobalDetectors.SplitAcrossExporters("Acme Pharma", s, 30, 2),
                new GlobalDetectors.RoundTrip(s, 90),
                new GlobalDetectors.CorridorSurge(s, 180, 30, 60, 3.0, 5.0),
                new GlobalDetectors.CompanyShopping("Acme Pharma", s, 365),
                new GlobalDetectors.RecordRefusal(s),
                new GlobalDetectors.Detection("Acme Pharma", "shipments from 2 exporting countries", evidence));
        Set<Class<?>> covered = new HashSet<>();
        for (Object sample : samples) {
            Data data = members.toData(sample);
            assertThat(data.getType()).as(sample.getClass().getSimpleName())
                    .isNotEqualTo(SerializationConstants.JAVA_DEFAULT_TYPE_SERIALIZABLE)
                    .isPositive();
            Object back = members.toObject(data);
            // Equal records: BigDecimal's equality includes the scale, so 12.500 kg stays 12.500.
            assertThat(back).isEqualTo(sample);
            covered.add(sample.getClass());
        }
        // An update the protocol adds later must get a serializer (and a sample here) too.
        for (Class<?> c : GlobalDetectors.class.getDeclaredClasses()) {
            if (GlobalStateStore.Update.class.isAssignableFrom(c)) {
                assertThat(covered).as("update %s", c.getSimpleName()).contains(c);
            }
        }
        // And the processor that carries updates to their group's owner arrives with them.
        HazelcastStateStore.OnGroup group = new HazelcastStateStore.OnGroup();
        group.add("ephedrine|DE|IN", new GlobalDetectors.RoundTrip(s, 90));
        group.add("pseudoephedrine|DE|IN", new GlobalDetectors.RecordRefusal(s));
        Data wrapped = members.toData(group);
        assertThat(wrapped.getType()).isEqualTo(SerializationConstants.CONSTANT_TYPE_DATA_SERIALIZABLE);
        assertThat(members.<HazelcastStateStore.OnGroup>toObject(wrapped)).usingRecursiveComparison().isEqualTo(group);
    }

    private static List<Class<?>> registryClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ClusterSerialization.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                out.add(Class.forName(name, false, ClusterSerializationTest.class.getClassLoader()));
            }
        }
        return out;
    }
}
