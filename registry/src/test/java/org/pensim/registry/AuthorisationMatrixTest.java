package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.HttpMessageSignatures;

/**
 * Who may call what (issue 19): every operation of the OpenAPI document, called by every kind of caller,
 * against one table of expected statuses written here once. An operation the document gains without rows
 * here fails the test, so a new endpoint cannot ship without its authorisation being decided.
 */
class AuthorisationMatrixTest {

    /** The callers: parties to the notification and not, the operator, and callers that must be refused. */
    enum Caller { EXPORTER, OTHER_EXPORTER, IMPORTER, OTHER_IMPORTER, OPERATOR, REVOKED, NONE, BAD_SIGNATURE, REPLAYED }

    static TestCluster cluster;
    static int port;
    static Map<Caller, AuthorityCredentials> creds = new LinkedHashMap<>();
    static int sequence;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(1).start();
        port = cluster.members.get(0).httpPort();
        creds.put(Caller.EXPORTER, cluster.enrol("DE", AuthorityRole.EXPORTING));
        creds.put(Caller.OTHER_EXPORTER, cluster.enrol("FR", AuthorityRole.EXPORTING));
        creds.put(Caller.IMPORTER, cluster.enrol("IN", AuthorityRole.IMPORTING));
        creds.put(Caller.OTHER_IMPORTER, cluster.enrol("FR", AuthorityRole.IMPORTING));
        creds.put(Caller.OPERATOR, cluster.members.get(0).operator());
        AuthorityCredentials revoked = cluster.enrol("NL", AuthorityRole.EXPORTING);
        assertThat(RegistryRejectionsTest.raw(port, "POST", "/v1/authorities/" + revoked.certificate().thumbprint()
                + "/revocation", creds.get(Caller.OPERATOR), "{}".getBytes(), "application/json", Map.of()).status()).isEqualTo(200);
        creds.put(Caller.REVOKED, revoked);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** One request of an operation: method, path and, for POST, a body made for the caller. */
    record Call(String method, String path, Function<Caller, String> body) {
    }

    /** A notification from DE to IN, submitted by the German exporter, for the operations that need one. */
    static String existing() throws Exception {
        String id = "DE-AM-" + (++sequence);
        var a = RegistryRejectionsTest.raw(port, "POST", "/v1/notifications", creds.get(Caller.EXPORTER),
                RegistryRejectionsTest.signedNotification(creds.get(Caller.EXPORTER), id).getBytes(StandardCharsets.UTF_8),
                "application/json", Map.of());
        assertThat(a.status()).as(a.body().toString()).isEqualTo(201);
        return id;
    }

    /** The credentials a caller signs its request (and its documents) with; none for NONE. */
    static AuthorityCredentials who(Caller c) {
        return switch (c) {
            case NONE -> null;
            case BAD_SIGNATURE, REPLAYED -> creds.get(Caller.EXPORTER);
            default -> creds.get(c);
        };
    }

    Map<String, Call> calls() throws Exception {
        Map<String, Call> m = new LinkedHashMap<>();
        m.put("submitNotification", new Call("POST", "/v1/notifications", c -> RegistryRejectionsTest.signedNotification(
                who(c) == null ? creds.get(Caller.EXPORTER) : who(c), "DE-AM-S" + (++sequence))));
        m.put("listNotifications", new Call("GET", "/v1/notifications", null));
        String read = existing();
        m.put("readNotification", new Call("GET", "/v1/notifications/" + read, null));
        m.put("submitEvent", new Call("POST", "/v1/notifications/{fresh}/events", null));
        m.put("readInbox", new Call("GET", "/v1/inbox", null));
        m.put("streamInbox", new Call("GET", "/v1/inbox/stream?after=999999999", null));
        m.put("enrolAuthority", new Call("POST", "/v1/authorities", c -> "{\"country\":\"PT\",\"role\":\"exporting\","
                + "\"publicKey\":\"" + java.util.Base64.getEncoder().encodeToString(
                        org.pensim.protocol.pki.Crypto.newEd25519KeyPair().getPublic().getEncoded()) + "\"}"));
        m.put("issueEnrolmentToken", new Call("POST", "/v1/enrolment-tokens", c -> "{\"country\":\"PL\",\"role\":\"exporting\"}"));
        m.put("redeemEnrolmentToken", new Call("POST", "/v1/enrolments", c -> "{\"token\":\"not-a-token\",\"publicKey\":\"x\"}"));
        m.put("listAuthorities", new Call("GET", "/v1/authorities", null));
        m.put("readAuthority", new Call("GET", "/v1/authorities/" + creds.get(Caller.EXPORTER).certificate().thumbprint(), null));
        m.put("revokeAuthority", new Call("POST", "/v1/authorities/{victim}/revocation", c -> "{\"reason\":\"test\"}"));
        m.put("readCountry", new Call("GET", "/v1/countries/DE", null));
        m.put("health", new Call("GET", "/health", null));
        m.put("liveness", new Call("GET", "/health/live", null));
        m.put("readiness", new Call("GET", "/health/ready", null));
        m.put("metrics", new Call("GET", "/metrics", null));
        m.put("openApi", new Call("GET", "/openapi.yaml", null));
        return m;
    }

    /** What each caller must get from each operation, written once. */
    static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        // Columns in the order of Caller: the German exporter of the DE->IN notification, another country's exporter,
        // the Indian importer, another importer, the registry operator, a revoked authority, no credentials, a
        // tampered signature, a replayed request. Public operations answer everyone alike.
        EXPECTED.put("submitNotification", new int[] {201, 403, 403, 403, 403, 403, 401, 401, 401});
        EXPECTED.put("listNotifications", new int[] {200, 200, 200, 200, 200, 403, 401, 401, 401});
        EXPECTED.put("readNotification", new int[] {200, 403, 200, 403, 200, 403, 401, 401, 401});
        EXPECTED.put("submitEvent", new int[] {403, 403, 201, 403, 403, 403, 401, 401, 401});
        // The operator is no country's authority: it has no inbox.
        EXPECTED.put("readInbox", new int[] {200, 200, 200, 200, 403, 403, 401, 401, 401});
        EXPECTED.put("streamInbox", new int[] {200, 200, 200, 200, 403, 403, 401, 401, 401});
        EXPECTED.put("enrolAuthority", new int[] {403, 403, 403, 403, 201, 403, 401, 401, 401});
        EXPECTED.put("issueEnrolmentToken", new int[] {403, 403, 403, 403, 201, 403, 401, 401, 401});
        EXPECTED.put("redeemEnrolmentToken", new int[] {403, 403, 403, 403, 403, 403, 403, 403, 403});
        EXPECTED.put("listAuthorities", new int[] {403, 403, 403, 403, 200, 403, 401, 401, 401});
        EXPECTED.put("readAuthority", new int[] {200, 200, 200, 200, 200, 403, 401, 401, 401});
        EXPECTED.put("revokeAuthority", new int[] {403, 403, 403, 403, 200, 403, 401, 401, 401});
        EXPECTED.put("readCountry", new int[] {200, 200, 200, 200, 200, 403, 401, 401, 401});
        EXPECTED.put("health", new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("liveness", new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("readiness", new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("metrics", new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("openApi", new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200});
    }

    @Test
    void every_operation_has_rows_and_every_caller_gets_what_the_table_says() throws Exception {
        Set<String> documented = new TreeSet<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi.yaml")) {
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(in);
            doc.path("paths").forEach(item -> item.forEach(op -> documented.add(op.path("operationId").asText())));
        }
        assertThat(EXPECTED.keySet()).as("an operation of openapi.yaml without rows in the matrix")
                .containsExactlyInAnyOrderElementsOf(documented);
        Map<String, Call> calls = calls();
        assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(documented);
        List<String> wrong = new ArrayList<>();
        StringBuilder observed = new StringBuilder();
        for (var op : calls.entrySet()) {
            observed.append(String.format("%-22s", op.getKey()));
            for (Caller c : Caller.values()) {
                int status = call(op.getValue(), c);
                observed.append(String.format(" %4d", status));
                int expected = EXPECTED.get(op.getKey())[c.ordinal()];
                if (status != expected) {
                    wrong.add(op.getKey() + " by " + c + ": expected " + expected + ", got " + status);
                }
            }
            observed.append('\n');
        }
        assertThat(wrong).as("observed:\n" + observed).isEmpty();
    }

    private int call(Call call, Caller c) throws Exception {
        String path = call.path();
        String body = call.body() == null ? null : call.body().apply(c);
        if (path.contains("{fresh}")) {
            // A reply to a fresh notification, signed by whoever calls (by India for the refused kinds of caller).
            String id = existing();
            path = path.replace("{fresh}", id);
            AuthorityCredentials author = who(c) == null || c == Caller.BAD_SIGNATURE || c == Caller.REPLAYED
                    ? creds.get(Caller.IMPORTER) : who(c);
            LifecycleEvent reply = LifecycleEvent.reply(author.certificate().country() + "-AM-E" + (++sequence), id,
                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), author.certificate().country(),
                    Decision.NO_OBJECTION, null);
            body = RegistryRejectionsTest.event(author, reply);
        }
        if (path.contains("{victim}")) {
            path = path.replace("{victim}", cluster.enrol("SE", AuthorityRole.IMPORTING).certificate().thumbprint());
        }
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        String type = body == null ? null : "application/json";
        AuthorityCredentials signer = who(c);
        if (c == Caller.BAD_SIGNATURE) {
            int q = path.indexOf('?');
            var h = HttpMessageSignatures.sign(signer, call.method(), q < 0 ? path : path.substring(0, q),
                    q < 0 ? "" : path.substring(q + 1), bytes, Instant.now());
            String bad = h.signature().substring(0, h.signature().length() - 3) + (h.signature().endsWith("A:") ? "B:" : "A:");
            return send(call.method(), path, signer, bytes, type, Map.of("Signature", bad));
        }
        if (c == Caller.REPLAYED) {
            int q = path.indexOf('?');
            var h = HttpMessageSignatures.sign(signer, call.method(), q < 0 ? path : path.substring(0, q),
                    q < 0 ? "" : path.substring(q + 1), bytes, Instant.now());
            Map<String, String> replay = Map.of("Content-Digest", h.contentDigest(), "Signature-Input", h.signatureInput(),
                    "Signature", h.signature());
            send(call.method(), path, null, bytes, type, replay);
            return send(call.method(), path, null, bytes, type, replay);
        }
        return send(call.method(), path, signer, bytes, type, Map.of());
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** The status only: the body is not read, so that an event stream that never ends does not hold the test. */
    private static int send(String method, String pathAndQuery, AuthorityCredentials who, byte[] body, String contentType,
            Map<String, String> override) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (who != null) {
            int q = pathAndQuery.indexOf('?');
            var h = HttpMessageSignatures.sign(who, method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                    q < 0 ? "" : pathAndQuery.substring(q + 1), body, Instant.now());
            b.header("Content-Digest", h.contentDigest()).header("Signature-Input", h.signatureInput())
                    .header("Signature", h.signature());
        }
        override.forEach(b::setHeader);
        var r = HTTP.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        r.body().close();
        return r.statusCode();
    }
}
