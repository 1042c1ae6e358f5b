package org.pensim.registry.screening;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.pensim.protocol.screening.global.GlobalDetectors.CompanyShopping;
import org.pensim.protocol.screening.global.GlobalDetectors.CorridorSurge;
import org.pensim.protocol.screening.global.GlobalDetectors.Detection;
import org.pensim.protocol.screening.global.GlobalDetectors.RecordRefusal;
import org.pensim.protocol.screening.global.GlobalDetectors.RoundTrip;
import org.pensim.protocol.screening.global.GlobalDetectors.Shipment;
import org.pensim.protocol.screening.global.GlobalDetectors.SplitAcrossExporters;

/**
 * How the global indicators' updates, and the detections they answer, travel to the member that owns a window
 * and back (and to its backup, which runs the update again). Each notification sends three or four of them;
 * Java serialization, which the protocol's {@code Serializable} would otherwise select, cost more CPU than
 * the detection itself (docs/benchmarks.md, thirteenth session).
 */
public final class DetectorSerializers {

    /** Hazelcast type ids of these serializers: positive, and unique among the registry's custom serializers. */
    static final int SPLIT = 1101;
    static final int ROUND_TRIP = 1102;
    static final int CORRIDOR = 1103;
    static final int SHOPPING = 1104;
    static final int REFUSAL = 1105;
    static final int DETECTION = 1106;

    private DetectorSerializers() {
    }

    /** Registers a serializer for each update and for the detection. */
    public static void register(SerializationConfig config) {
        config.addSerializerConfig(of(SplitAcrossExporters.class, SPLIT, (out, u) -> {
            out.writeString(u.consigneeName());
            writeShipment(out, u.shipment());
            out.writeInt(u.windowDays());
            out.writeInt(u.minCountries());
        }, in -> new SplitAcrossExporters(in.readString(), readShipment(in), in.readInt(), in.readInt())));
        config.addSerializerConfig(of(RoundTrip.class, ROUND_TRIP, (out, u) -> {
            writeShipment(out, u.shipment());
            out.writeInt(u.windowDays());
        }, in -> new RoundTrip(readShipment(in), in.readInt())));
        config.addSerializerConfig(of(CorridorSurge.class, CORRIDOR, (out, u) -> {
            writeShipment(out, u.shipment());
            out.writeInt(u.baselineDays());
            out.writeInt(u.recentDays());
            out.writeInt(u.minimumBaselineDays());
            out.writeDouble(u.surgeFactor());
            out.writeDouble(u.minimumBaselineKg());
        }, in -> new CorridorSurge(readShipment(in), in.readInt(), in.readInt(), in.readInt(), in.readDouble(), in.readDouble())));
        config.addSerializerConfig(of(CompanyShopping.class, SHOPPING, (out, u) -> {
            out.writeString(u.importerName());
            writeShipment(out, u.shipment());
            out.writeInt(u.windowDays());
        }, in -> new CompanyShopping(in.readString(), readShipment(in), in.readInt())));
        config.addSerializerConfig(of(RecordRefusal.class, REFUSAL, (out, u) -> writeShipment(out, u.shipment()),
                in -> new RecordRefusal(readShipment(in))));
        config.addSerializerConfig(of(Detection.class, DETECTION, (out, d) -> {
            out.writeString(d.subject());
            out.writeString(d.explanation());
            out.writeInt(d.evidence().size());
            for (Map.Entry<String, String> e : d.evidence().entrySet()) {
                out.writeString(e.getKey());
                out.writeString(e.getValue());
            }
        }, in -> {
            String subject = in.readString();
            String explanation = in.readString();
            int n = in.readInt();
            TreeMap<String, String> evidence = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                evidence.put(in.readString(), in.readString());
            }
            return new Detection(subject, explanation, evidence);
        }));
    }

    private static void writeShipment(ObjectDataOutput out, Shipment s) throws IOException {
        out.writeString(s.notificationId());
        out.writeLong(s.epochDay());
        out.writeString(s.exportingCountry());
        out.writeString(s.importingCountry());
        out.writeString(s.substanceId());
        // BigDecimal's string form keeps its scale, so the owner adds exactly what the sender computed.
        out.writeString(s.pureKg().toString());
    }

    private static Shipment readShipment(ObjectDataInput in) throws IOException {
        return new Shipment(in.readString(), in.readLong(), in.readString(), in.readString(), in.readString(),
                new BigDecimal(in.readString()));
    }

    @FunctionalInterface
    private interface Writer<T> {
        void write(ObjectDataOutput out, T value) throws IOException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ObjectDataInput in) throws IOException;
    }

    private static <T> SerializerConfig of(Class<T> type, int typeId, Writer<T> writer, Reader<T> reader) {
        return new SerializerConfig().setTypeClass(type).setImplementation(new StreamSerializer<T>() {
            @Override
            public void write(ObjectDataOutput out, T value) throws IOException {
                writer.write(out, value);
            }

            @Override
            public T read(ObjectDataInput in) throws IOException {
                return reader.read(in);
            }

            @Override
            public int getTypeId() {
                return typeId;
            }
        });
    }
}
