package org.pensim.simulations.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import org.pensim.protocol.json.ProtocolJson;

/**
 * The traffic of a load test, the same in every process that takes part: notification number n comes
 * from exporting authority n mod N, goes to importing authority n mod M, and is made to look like a
 * diversion attempt for a steady share of the numbers. The driver and the processes that host the
 * authorities derive it from n alone, so only the number travels between them.
 */
public final class LoadTraffic {

    static final String[] EXPORTING = {"DE", "NL", "FR", "BE", "IT", "ES", "CH", "GB", "US", "JP", "KR", "CN"};
    /** One importing authority a country: two following one inbox would each see every entry. */
    static final String[] IMPORTING = {"IN", "NG", "BR", "TR", "MX", "ZA", "ID", "AU", "AE", "CO", "PE", "GH"};
    static final Set<String> HUBS_OF_CONCERN = Set.of("AF", "MM", "LA", "SY", "YE");

    private final int exporters;
    private final int importers;
    private final double suspiciousShare;
    private final ObjectNode template;

    public LoadTraffic(int exporters, int importers, double suspiciousShare) {
        this.exporters = exporters;
        this.importers = importers;
        this.suspiciousShare = suspiciousShare;
        try (InputStream in = LoadTraffic.class.getClassLoader().getResourceAsStream("load/notification.json")) {
            this.template = (ObjectNode) ProtocolJson.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int exporterOf(long n) {
        return (int) (n % exporters);
    }

    public int importerOf(long n) {
        return (int) (n % importers);
    }

    static String exportingCountry(int exporter) {
        return EXPORTING[exporter % EXPORTING.length];
    }

    public String id(long n) {
        return exportingCountry(exporterOf(n)) + "-LOAD-" + n;
    }

    /** Whether notification n is one of the diversion-like share (spread evenly over the run). */
    public boolean suspicious(long n) {
        return Math.floor(n * suspiciousShare) != Math.floor((n - 1) * suspiciousShare);
    }

    /** Notification n: a licit order from the template, or one made to look like a diversion attempt. */
    public ObjectNode notification(long n) {
        String exporting = exportingCountry(exporterOf(n));
        String importing = IMPORTING[importerOf(n)];
        ObjectNode doc = template.deepCopy();
        doc.put("id", id(n)).put("exportingCountry", exporting).put("importingCountry", importing);
        ((ObjectNode) doc.at("/parties/0/address")).put("country", exporting);
        ((ObjectNode) doc.at("/parties/1/address")).put("country", importing);
        if (suspicious(n)) {
            ObjectNode importer = (ObjectNode) doc.at("/parties/1");
            importer.put("name", "Shadow Star General Trading " + (n % 40)).put("businessType", "TRADING_COMPANY");
            importer.remove("identifiers");
            ((ObjectNode) doc.at("/route")).putArray("transitCountries").add("AE").add("AF");
        }
        return doc;
    }
}
