package org.pensim.simulations.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCertificate;
import org.pensim.protocol.pki.AuthorityCredentials;

/**
 * A process that hosts some of a load test's authorities ({@code pensim load-agent}, started by the
 * driver). The line protocol on its standard input and output:
 * <pre>
 * driver to agent:  one line of JSON (the plan: members, CA, traffic, the authorities and their keys),
 *                   then SEND n | PAUSE importer seconds | STOP
 * agent to driver:  READY, then A id micros (acknowledged) | X id type (submission given up)
 *                   | D id micros (delivered) | S id 0|1 micros (screened, flagged) | R id micros (replied)
 *                   | Y id type (reply given up) | E type (a retried error)
 * </pre>
 * Times are the agent's wall clock in microseconds since the epoch, so latencies need clocks in step
 * (one machine, or NTP). The agent ends when its input ends, so it never outlives its driver.
 */
public final class LoadAgent {

    private LoadAgent() {
    }

    /** The plan an agent receives: where the registry is, the traffic, and its share of the authorities. */
    static ObjectNode plan(AuthorityHost.Registry registry, LoadProfile profile, Map<Integer, AuthorityCredentials> exporting,
            Map<Integer, AuthorityCredentials> importing) throws CertificateException {
        ObjectNode plan = ProtocolJson.mapper().createObjectNode();
        registry.hosts().forEach(plan.putArray("hosts")::add);
        registry.ports().forEach(plan.putArray("ports")::add);
        plan.put("ca", Base64.getEncoder().encodeToString(registry.ca().getEncoded()));
        plan.put("exporters", profile.exporters()).put("importers", profile.importers())
                .put("suspiciousShare", profile.suspicious());
        var exporters = plan.putArray("exporting");
        exporting.forEach((i, c) -> credentials(exporters.addObject(), i, c));
        var importers = plan.putArray("importing");
        importing.forEach((i, c) -> credentials(importers.addObject(), i, c));
        return plan;
    }

    private static void credentials(ObjectNode node, int index, AuthorityCredentials c) {
        node.put("index", index).put("key", Base64.getEncoder().encodeToString(c.privateKey().getEncoded()))
                .put("certificate", c.certificate().x5c());
    }

    private static AuthorityCredentials credentials(JsonNode node) {
        return new AuthorityCredentials(new Ed25519PrivateKeyParameters(Base64.getDecoder().decode(node.get("key").asText())),
                AuthorityCertificate.fromX5c(node.get("certificate").asText()));
    }

    /** Runs an agent until its input ends or says STOP; {@code out} carries only the protocol. */
    public static void run(InputStream in, PrintStream out) throws Exception {
        BufferedReader commands = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String first = commands.readLine();
        if (first == null) {
            return;
        }
        JsonNode plan = ProtocolJson.parse(first.getBytes(StandardCharsets.UTF_8));
        List<String> hosts = new ArrayList<>();
        plan.get("hosts").forEach(h -> hosts.add(h.asText()));
        List<Integer> ports = new ArrayList<>();
        plan.get("ports").forEach(p -> ports.add(p.asInt()));
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(plan.get("ca").asText())));
        LoadTraffic traffic = new LoadTraffic(plan.get("exporters").asInt(), plan.get("importers").asInt(),
                plan.get("suspiciousShare").asDouble());
        // Lines are written by many threads and flushed in batches: the times travel inside the lines,
        // so a batch's delay does not touch the measured latencies.
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pensim-load-agent-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(out::flush, 20, 20, TimeUnit.MILLISECONDS);
        Vertx vertx = Vertx.vertx();
        AuthorityHost host = new AuthorityHost(vertx, new AuthorityHost.Registry(hosts, ports, ca), traffic, new Lines(out));
        try {
            plan.path("exporting").forEach(e -> host.addExporter(e.get("index").asInt(), credentials(e)));
            plan.path("importing").forEach(i -> host.addImporter(i.get("index").asInt(), credentials(i)));
            out.println("READY");
            out.flush();
            String line;
            while ((line = commands.readLine()) != null && !line.equals("STOP")) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "SEND" -> host.send(Long.parseLong(f[1]));
                    case "PAUSE" -> host.pause(Integer.parseInt(f[1]), Double.parseDouble(f[2]));
                    default -> out.println("E agent: unknown command " + f[0]);
                }
            }
        } finally {
            host.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            flusher.shutdown();
            out.flush();
        }
    }

    /** Observations written as protocol lines. */
    private record Lines(PrintStream out) implements AuthorityHost.Observations {
        @Override
        public void acknowledged(String id, long atMicros) {
            out.println("A " + id + " " + atMicros);
        }

        @Override
        public void submissionFailed(String id, String type) {
            out.println("X " + id + " " + type);
        }

        @Override
        public void delivered(String id, long atMicros) {
            out.println("D " + id + " " + atMicros);
        }

        @Override
        public void screened(String id, boolean flagged, long atMicros) {
            out.println("S " + id + " " + (flagged ? 1 : 0) + " " + atMicros);
        }

        @Override
        public void replied(String id, long atMicros) {
            out.println("R " + id + " " + atMicros);
        }

        @Override
        public void replyFailed(String id, String type) {
            out.println("Y " + id + " " + type);
        }

        @Override
        public void error(String type) {
            out.println("E " + type);
        }
    }

    /** Feeds one protocol line from an agent to the driver's observations; false if it is not one. */
    static boolean dispatch(String line, AuthorityHost.Observations to) {
        String[] f = line.split(" ", 4);
        try {
            switch (f[0]) {
                case "A" -> to.acknowledged(f[1], Long.parseLong(f[2]));
                case "X" -> to.submissionFailed(f[1], line.substring(line.indexOf(' ', 2) + 1));
                case "D" -> to.delivered(f[1], Long.parseLong(f[2]));
                case "S" -> to.screened(f[1], f[2].equals("1"), Long.parseLong(f[3]));
                case "R" -> to.replied(f[1], Long.parseLong(f[2]));
                case "Y" -> to.replyFailed(f[1], line.substring(line.indexOf(' ', 2) + 1));
                case "E" -> to.error(line.substring(2));
                default -> {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
