package org.pensim.simulations.measure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.Properties;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.engine.SimulationRun;

/**
 * What a reader needs to reproduce or cite a run: pensim's version and commit, the seed, whether signatures
 * were computed, the scenario as resolved (after sweeps) and every model parameter with its source.
 */
public final class Manifest {

    private static final Properties BUILD = load();

    private Manifest() {
    }

    public static String version() {
        String v = Manifest.class.getPackage().getImplementationVersion();
        return v != null ? v : BUILD.getProperty("git.build.version", "development build");
    }

    public static String commit() {
        String id = BUILD.getProperty("git.commit.id", "unknown");
        return "true".equals(BUILD.getProperty("git.dirty")) ? id + " (with uncommitted changes)" : id;
    }

    public static ObjectNode of(SimulationRun.Result r, boolean crypto) {
        ObjectNode m = ProtocolJson.mapper().createObjectNode();
        m.put("pensimVersion", version());
        m.put("commit", commit());
        m.put("seed", r.seed());
        m.put("signatures", crypto ? "computed" : "modelled");
        m.set("scenario", ProtocolJson.mapper().valueToTree(r.scenario()));
        m.set("model", r.parameters().toJson());
        return m;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Manifest.class.getResourceAsStream("/git.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            // no build information: the manifest says "unknown"
        }
        return p;
    }
}
