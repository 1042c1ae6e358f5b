package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.EventType;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.HttpMessageSignatures;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.client.RegistryClient;

/** Every way a request can be refused, each with its status and a precise problem+json answer. */
class RegistryRejectionsTest {

    static TestCluster cluster;
    static AuthorityCredentials germany;
    static AuthorityCredentials france;
    static AuthorityCredentials india;
    static AuthorityCredentials germanImporter;
    static int port;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(2).start();
        germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
        france = cluster.enrol("FR", AuthorityRole.EXPORTING);
        india = cluster.enrol("IN", AuthorityRole.IMPORTING);
        germanImporter = cluster.enrol("DE", AuthorityRole.IMPORTING);
        port = cluster.members.get(0).httpPort();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /**
     * Issue 19, defect 5: a body whose chunked framing is broken. Vert.x closes such a connection before any
     * answer can be written (the rest of the stream cannot be trusted); the registry must not log it as its own
     * failure, and must go on serving.
     */
    @Test
    void a_malformed_chunked_body_closes_that_connection_without_an_error_in_the_log() throws Exception {
        try (ErrorLog log = ErrorLog.capture(); java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/notifications HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] answer = socket.getInputStream().readAllBytes(); // returns once the server closes
            String text = new String(answer, StandardCharsets.US_ASCII);
            assertThat(text.isEmpty() || text.startsWith("HTTP/1.1 400")).as(text).isTrue();
            assertThat(raw("GET", "/v1/countries/IN", germany, null, null, Map.of()).status()).isEqualTo(200);
            assertThat(log.errors()).isEmpty();
        }
    }

    record Answer(int status, String contentType, JsonNode body, String allow) {
        Answer(int status, String contentType, JsonNode body) {
            this(status, contentType, body, "");
        }
    }

    /** Sends a request signed by {@code who} (or unsigned when null), with any body and content type. */
    static Answer raw(String method, String pathAndQuery, AuthorityCredentials who, byte[] body, String contentType,
            Map<String, String> override) throws Exception {
        return raw(port, method, pathAndQuery, who, body, contentType, override);
    }

    /** The same, to a member listening on {@code port}. */
    static Answer raw(int port, String method, String pathAndQuery, AuthorityCredentials who, byte[] body, String contentType,
            Map<String, String> override) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (who != null) {
            int q = pathAndQuery.indexOf('?');
            HttpMessageSignatures.Headers h = HttpMessageSignatures.sign(who, method, q < 0 ? pathAndQuery
                    : pathAndQuery.substring(0, q), q < 0 ? "" : pathAndQuery.substring(q + 1), body, Instant.now());
            b.header("Content-Digest", h.contentDigest()).header("Signature-Input", h.signatureInput())
                    .header("Signature", h.signature());
        }
        override.forEach(b::setHeader);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("content-type").orElse(""),
                r.body().isEmpty() ? ProtocolJson.mapper().createObjectNode() : ProtocolJson.parse(r.body()),
                r.headers().firstValue("allow").orElse(""));
    }

    static Answer post(String path, AuthorityCredentials who, String json) throws Exception {
        return raw("POST", path, who, json.getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
    }

    static String signedNotification(AuthorityCredentials signer, String id) {
        return new DocumentSigner(signer).sign(DocumentType.NOTIFICATION, NotificationDraft.example().set("/id", id).json())
                .toJson().toString();
    }

    static void assertProblem(Answer a, int status, String detailContains) {
        assertThat(a.status()).as(a.body().toString()).isEqualTo(status);
        assertThat(a.contentType()).isEqualTo("application/problem+json");
        assertThat(a.body().get("status").asInt()).isEqualTo(status);
        assertThat(a.body().get("detail").asText()).contains(detailContains);
        assertThat(a.body().get("type").asText()).startsWith("https://pensim.org/problems/");
    }

    @Test
    void unsigned_requests_are_refused() throws Exception {
        assertProblem(raw("POST", "/v1/notifications", null, signedNotification(germany, "DE-R-1").getBytes(),
                "application/json", Map.of()), 401, "the request is not signed");
        assertProblem(raw("GET", "/v1/inbox", null, null, null, Map.of()), 401, "Signature-Input and Signature headers");
    }

    @Test
    void a_body_that_does_not_match_its_digest_is_refused() throws Exception {
        assertProblem(raw("POST", "/v1/notifications", germany, signedNotification(germany, "DE-R-2").getBytes(),
                "application/json", Map.of("Content-Digest", "sha-256=:AAAA:")), 401, "Content-Digest header does not match");
    }

    @Test
    void stale_and_replayed_requests_are_refused() throws Exception {
        byte[] body = "{}".getBytes();
        HttpMessageSignatures.Headers old = HttpMessageSignatures.sign(india, "GET", "/v1/inbox", "", null,
                Instant.now().minus(Duration.ofHours(1)));
        assertProblem(raw("GET", "/v1/inbox", null, null, null, Map.of("Content-Digest", old.contentDigest(),
                "Signature-Input", old.signatureInput(), "Signature", old.signature())), 401, "more than 300 s from registry time");
        HttpMessageSignatures.Headers h = HttpMessageSignatures.sign(india, "GET", "/v1/inbox", "", null, Instant.now());
        Map<String, String> headers = Map.of("Content-Digest", h.contentDigest(), "Signature-Input", h.signatureInput(),
                "Signature", h.signature());
        assertThat(raw("GET", "/v1/inbox", null, null, null, headers).status()).isEqualTo(200);
        assertProblem(raw("GET", "/v1/inbox", null, null, null, headers), 401, "already received");
        assertThat(body).isNotEmpty();
    }

    @Test
    void a_tampered_request_signature_or_unknown_key_is_refused() throws Exception {
        HttpMessageSignatures.Headers h = HttpMessageSignatures.sign(india, "GET", "/v1/inbox", "", null, Instant.now());
        assertProblem(raw("GET", "/v1/inbox?after=5", null, null, null, Map.of("Content-Digest", h.contentDigest(),
                "Signature-Input", h.signatureInput(), "Signature", h.signature())), 401, "does not verify");
        AuthorityCredentials stranger = cluster.ca().enrol("IN", AuthorityRole.IMPORTING, Duration.ofDays(1));
        assertProblem(raw("GET", "/v1/inbox", stranger, null, null, Map.of()), 401, "no authority is enrolled with key id");
    }

    @Test
    void wrong_media_type_oversized_and_malformed_bodies_are_refused_before_any_work() throws Exception {
        assertProblem(raw("POST", "/v1/notifications", germany, "x".getBytes(), "text/plain", Map.of()), 415,
                "must be application/json");
        // Issue 19, defect 5: the media type is compared whole, parameters aside.
        assertProblem(raw("POST", "/v1/notifications", germany, "{}".getBytes(), "application/jsonx", Map.of()), 415,
                "must be application/json, not application/jsonx");
        byte[] big = new byte[70_000];
        java.util.Arrays.fill(big, (byte) ' ');
        assertProblem(raw("POST", "/v1/notifications", germany, big, "application/json", Map.of()), 413, "exceeds 65536 bytes");
        assertProblem(post("/v1/notifications", germany, "{\"protected\": "), 400, "not valid JSON");
        // The OpenAPI document is enforced before any signature is checked.
        assertProblem(post("/v1/notifications", germany, "{\"document\": {}}"), 400,
                "does not match operation submitNotification of /openapi.yaml");
        assertProblem(post("/v1/notifications", germany, "{\"protected\": 1, \"document\": {}, \"signature\": \"x\"}"), 400,
                "does not match operation submitNotification");
    }

    @Test
    void signatures_and_signers_are_checked() throws Exception {
        ObjectNode env = (ObjectNode) ProtocolJson.parse(signedNotification(germany, "DE-R-3"));
        ((ObjectNode) env.get("document")).put("invoiceNumber", "changed");
        Answer tampered = post("/v1/notifications", germany, env.toString());
        assertProblem(tampered, 400, "does not match the document");
        assertThat(tampered.body().get("reason").asText()).isEqualTo("SIGNATURE_INVALID");
        // France signs a German notification and submits it.
        assertProblem(post("/v1/notifications", france, signedNotification(france, "DE-R-4")), 403,
                "must be signed by the exporting authority of DE");
        // Germany submits a notification that France signed.
        assertProblem(post("/v1/notifications", germany, signedNotification(france, "DE-R-5")), 403,
                "must be signed by the exporting authority of DE");
        // An importing authority may not submit.
        assertProblem(post("/v1/notifications", india, signedNotification(germany, "DE-R-6")), 403,
                "only exporting authorities submit notifications");
        // France submits Germany's genuine notification.
        assertProblem(post("/v1/notifications", france, signedNotification(germany, "DE-R-7")), 403,
                "may not submit a notification of exporting country DE");
    }

    @Test
    void an_invalid_notification_lists_every_problem() throws Exception {
        ObjectNode doc = NotificationDraft.example().set("/id", "DE-R-8").set("/items/0/cas", "90-82-5")
                .set("/importingCountry", "QQ").json();
        String env = new DocumentSigner(germany).sign(DocumentType.NOTIFICATION, doc).toJson().toString();
        Answer a = post("/v1/notifications", germany, env);
        assertProblem(a, 400, "problems in the notification");
        assertThat(a.body().get("errors")).anySatisfy(e -> assertThat(e.get("pointer").asText()).isEqualTo("/items/0/cas"))
                .anySatisfy(e -> assertThat(e.get("detail").asText()).isEqualTo("QQ is not an ISO 3166-1 alpha-2 country code"));
    }

    @Test
    void only_parties_and_the_operator_read_a_notification() throws Exception {
        assertThat(post("/v1/notifications", germany, signedNotification(germany, "DE-R-9")).status()).isEqualTo(201);
        assertThat(raw("GET", "/v1/notifications/DE-R-9", india, null, null, Map.of()).status()).isEqualTo(200);
        assertThat(raw("GET", "/v1/notifications/DE-R-9", cluster.members.get(0).operator(), null, null, Map.of()).status())
                .isEqualTo(200);
        assertProblem(raw("GET", "/v1/notifications/DE-R-9", france, null, null, Map.of()), 403,
                "may be read only by the DE exporting authority, the IN importing authority and the registry operator");
        assertProblem(raw("GET", "/v1/notifications/DE-R-9", germanImporter, null, null, Map.of()), 403, "not by the DE importing authority");
        assertProblem(raw("GET", "/v1/notifications/NOPE-404", india, null, null, Map.of()), 404, "no notification NOPE-404");
        // Listings only show what the caller may see.
        Answer listed = raw("GET", "/v1/notifications?limit=50", france, null, null, Map.of());
        assertThat(listed.body().get("items")).noneSatisfy(i -> assertThat(i.get("id").asText()).isEqualTo("DE-R-9"));
        Answer mine = raw("GET", "/v1/notifications?limit=50", india, null, null, Map.of());
        assertThat(mine.body().get("items")).anySatisfy(i -> assertThat(i.get("id").asText()).isEqualTo("DE-R-9"));
        assertProblem(raw("GET", "/v1/notifications?limit=-1", india, null, null, Map.of()), 400,
                "The value of query parameter limit is invalid. Reason: -1 is less than 0");
        assertProblem(raw("GET", "/v1/inbox?limit=501", india, null, null, Map.of()), 400,
                "does not match operation readInbox of /openapi.yaml");
        assertProblem(raw("GET", "/v1/inbox?after=abc", india, null, null, Map.of()), 400, "query parameter after");
    }

    static String event(AuthorityCredentials who, LifecycleEvent e) {
        return new DocumentSigner(who).sign(DocumentType.EVENT, e).toJson().toString();
    }

    @Test
    void events_follow_the_transition_table_and_come_only_from_the_parties() throws Exception {
        assertThat(post("/v1/notifications", germany, signedNotification(germany, "DE-R-10")).status()).isEqualTo(201);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        LifecycleEvent objection = LifecycleEvent.reply("IN-E-1", "DE-R-10", now, "IN", Decision.OBJECTION,
                java.util.List.of("consignee unknown"));
        Answer ok = post("/v1/notifications/DE-R-10/events", india, event(india, objection));
        assertThat(ok.status()).as(ok.body().toString()).isEqualTo(201);
        assertThat(ok.body().get("state").asText()).isEqualTo("OBJECTION");
        assertThat(post("/v1/notifications/DE-R-10/events", india, event(india, objection)).status()).isEqualTo(200);

        LifecycleEvent ship = new LifecycleEvent("DE-E-2", "DE-R-10", EventType.SHIP, now, "DE", AuthorityRole.EXPORTING,
                null, null, null, java.time.LocalDate.now(), null, null);
        Answer refused = post("/v1/notifications/DE-R-10/events", germany, event(germany, ship));
        assertProblem(refused, 409, "SHIP is not allowed in state OBJECTION");
        assertThat(refused.body().get("currentState").asText()).isEqualTo("OBJECTION");
        assertThat(refused.body().get("allowedEvents").toString()).contains("WITHDRAW", "STOP");

        LifecycleEvent foreign = LifecycleEvent.reply("FR-E-3", "DE-R-10", now, "FR", Decision.NO_OBJECTION, null);
        AuthorityCredentials frenchImporter = cluster.enrol("FR", AuthorityRole.IMPORTING);
        assertProblem(post("/v1/notifications/DE-R-10/events", frenchImporter, event(frenchImporter, foreign)), 403,
                "is not the importing authority of notification DE-R-10");
        assertProblem(post("/v1/notifications/DE-R-11/events", india, event(india, objection)), 400,
                "but was posted to notification DE-R-11");
        // An event signed by India but sent by Germany.
        assertProblem(post("/v1/notifications/DE-R-10/events", germany, event(india, objection)), 403,
                "but the request comes from the DE exporting authority");
    }

    @Test
    void enrolment_and_revocation_belong_to_the_operator_and_revocation_is_immediate_everywhere() throws Exception {
        assertProblem(post("/v1/authorities", germany, "{\"country\":\"DE\",\"role\":\"exporting\",\"publicKey\":\"x\"}"), 403,
                "only the registry operator may enrol authorities");
        AuthorityCredentials op = cluster.members.get(0).operator();
        assertProblem(post("/v1/authorities", op, "{\"country\":\"XX\",\"role\":\"exporting\",\"publicKey\":\"x\"}"), 400,
                "/country: 'XX' is not an ISO 3166-1 alpha-2 country code");
        assertProblem(post("/v1/authorities", op, "{\"country\":\"DE\",\"role\":\"exporting\",\"publicKey\":\"x\"}"), 400,
                "/publicKey: not an Ed25519 public key");
        // Issue 19, defect 5: the enrolment and token bodies take no field they do not describe.
        assertProblem(post("/v1/authorities", op, "{\"country\":\"DE\",\"role\":\"exporting\",\"publicKey\":\"x\","
                + "\"admin\":true}"), 400, "does not match operation enrolAuthority");
        assertProblem(post("/v1/enrolment-tokens", op, "{\"country\":\"PL\",\"role\":\"exporting\",\"validDays\":9}"), 400,
                "does not match operation issueEnrolmentToken");
        assertProblem(raw("POST", "/v1/enrolments", null, "{\"token\":\"t\",\"publicKey\":\"x\",\"role\":\"operator\"}"
                .getBytes(), "application/json", Map.of()), 400, "does not match operation redeemEnrolmentToken");

        AuthorityCredentials doomed = cluster.enrol("NL", AuthorityRole.EXPORTING);
        assertThat(raw("GET", "/v1/inbox", doomed, null, null, Map.of()).status()).isEqualTo(200);
        assertThat(post("/v1/authorities/" + doomed.certificate().thumbprint() + "/revocation", op,
                "{\"reason\":\"key compromise\"}").status()).isEqualTo(200);
        // Refused at once, on the other member too.
        RegistryClient viaOther = cluster.client(1, doomed);
        assertThat(await(viaOther.inbox(0, 1)).status()).isEqualTo(403);
        assertProblem(raw("GET", "/v1/inbox", doomed, null, null, Map.of()), 403, "has been revoked");
    }

    /** What the server answers on a raw connection: status line, headers and body as text. */
    static String rawSocket(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Issue 19, defect 5: requests the decoder refuses get problem+json too, not a bare status line. */
    @Test
    void oversized_request_lines_and_headers_are_answered_with_problem_json() throws Exception {
        String longLine = rawSocket("GET /v1/notifications/" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(longLine).matches("(?s)HTTP/1\\.[01] 414 .*").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"status\":414");
        String bigHeaders = rawSocket("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n");
        assertThat(bigHeaders).matches("(?s)HTTP/1\\.[01] 431 .*").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"status\":431");
    }

    @Test
    void unknown_resources_and_country_profiles() throws Exception {
        assertProblem(raw("GET", "/v1/nothing-here", india, null, null, Map.of()), 404, "no such resource");
        // Issue 19, defect 5: a wrong method on a known path is a 405 that says which methods are allowed.
        Answer delete = raw("DELETE", "/v1/notifications/DE-1", india, null, null, Map.of());
        assertProblem(delete, 405, "DELETE is not allowed on /v1/notifications/DE-1; allowed: GET");
        assertThat(delete.allow()).isEqualTo("GET");
        assertProblem(raw("POST", "/v1/inbox", india, "{}".getBytes(), "application/json", Map.of()), 405, "allowed: GET");
        assertProblem(raw("PUT", "/metrics", null, null, null, Map.of()), 405, "allowed: GET");
        Answer in = raw("GET", "/v1/countries/IN", india, null, null, Map.of());
        assertThat(in.status()).isEqualTo(200);
        assertThat(in.body().at("/alr/pseudoephedrine/alrKg").asText()).isEqualTo("60000");
        assertThat(in.body().get("notificationRequested").toString()).contains("TABLE_I");
        assertProblem(raw("GET", "/v1/countries/XX", india, null, null, Map.of()), 404, "not an ISO 3166-1");
    }

    @Test
    void health_metrics_and_the_api_description_are_served() throws Exception {
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"clusterSafe\":true").contains("\"members\":2");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("pensim_notifications_rejected_total{reason=").contains("jvm_memory_used_bytes")
                .contains("pensim_http_server_requests_seconds").contains("pensim_global_screening_backlog{map=\"screening\"}");
        HttpResponse<String> openapi = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi.yaml"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(openapi.body()).startsWith("openapi: 3.1.0").contains("/v1/notifications/{id}/events");
    }

    @Test
    void a_one_time_enrolment_token_lets_a_node_enrol_on_its_first_start_and_only_once(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        AuthorityCredentials op = cluster.members.get(0).operator();
        assertProblem(post("/v1/enrolment-tokens", germany, "{\"country\":\"PL\",\"role\":\"exporting\"}"), 403,
                "only the registry operator may issue enrolment tokens");
        Answer issued = post("/v1/enrolment-tokens", op, "{\"country\":\"PL\",\"role\":\"exporting\",\"validHours\":2}");
        assertThat(issued.status()).isEqualTo(201);
        String token = issued.body().get("token").asText();
        AuthorityCredentials poland = org.pensim.registry.client.RegistryClient.enrolWithToken(cluster.clientVertx, "127.0.0.1",
                port, token, tmp.resolve("pl/key.pem"), tmp.resolve("pl/cert.pem"));
        assertThat(poland.certificate().describe()).isEqualTo("PL exporting authority");
        // The files it wrote are what the node reads on its next start, and the key works.
        AuthorityCredentials reread = AuthorityCredentials.read(tmp.resolve("pl/key.pem"), tmp.resolve("pl/cert.pem"));
        assertThat(raw("GET", "/v1/inbox", reread, null, null, Map.of()).status()).isEqualTo(200);
        assertProblem(raw("POST", "/v1/enrolments", null, ("{\"token\":\"" + token + "\",\"publicKey\":\"x\"}").getBytes(),
                "application/json", Map.of()), 403, "this enrolment token was already used");
        assertProblem(raw("POST", "/v1/enrolments", null, "{\"token\":\"nonsense\",\"publicKey\":\"x\"}".getBytes(),
                "application/json", Map.of()), 403, "not known to the registry");
    }
}
