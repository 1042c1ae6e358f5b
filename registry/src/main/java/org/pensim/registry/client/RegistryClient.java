package org.pensim.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Consumer;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.signing.HttpMessageSignatures;
import org.pensim.protocol.signing.SignedDocument;

/**
 * How an authority talks to the registry: every request signed with its key (RFC 9421), answers as
 * status and JSON. Thread-safe; one per authority.
 */
public final class RegistryClient implements AutoCloseable {

    /** An HTTP answer: status and JSON body (a problem document for errors). */
    /**
     * An answer: its status, its JSON body, and its Retry-After header in seconds (-1 when it had none).
     */
    public record Response(int status, JsonNode body, int retryAfterHeader) {

        public Response(int status, JsonNode body) {
            this(status, body, -1);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /**
         * How long the registry asks to wait before trying again: its Retry-After header, else the problem's
         * {@code retryAfterSeconds}, else 0. The header comes first: the Vert.x 5.1.6 client was seen, rarely, to
         * hand over an answer given before the request's body was read without that answer's own body.
         */
        public int retryAfterSeconds() {
            return retryAfterHeader >= 0 ? retryAfterHeader : body == null ? 0 : body.path("retryAfterSeconds").asInt(0);
        }
    }

    private static int retryAfterHeader(io.vertx.core.http.HttpClientResponse resp) {
        String v = resp.getHeader("Retry-After");
        try {
            return v == null ? -1 : Math.max(0, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return -1; // an HTTP date: this registry never sends one
        }
    }

    private final HttpClient http;
    private final Vertx vertx;
    private final String host;
    private final int port;
    private final AuthorityCredentials credentials;
    private final Clock clock;

    /** Whether the authority authenticates by its TLS client certificate rather than by signing each request. */
    private final boolean mutualTls;

    /** How long a connection attempt may take. */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** How long a request may wait for its answer without a byte arriving (the registry answers in milliseconds). */
    static final long ANSWER_TIMEOUT_MILLIS = 30_000;
    private long answerTimeoutMillis = ANSWER_TIMEOUT_MILLIS;

    /** A client that signs every request (HTTP Message Signatures, RFC 9421), over plain HTTP. */
    public RegistryClient(Vertx vertx, String host, int port, AuthorityCredentials credentials, Clock clock) {
        this(vertx, host, port, credentials, clock, null);
    }

    private RegistryClient(Vertx vertx, String host, int port, AuthorityCredentials credentials, Clock clock,
            java.security.cert.X509Certificate ca) {
        // Bounded waits: a member that died or an answer lost on the way fails the call (callers retry, perhaps
        // elsewhere) instead of leaving it pending for as long as the connection lives.
        HttpClientOptions options = new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
                .setKeepAlive(true).setIdleTimeout(60).setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        if (ca != null) {
            options.setSsl(true).setVerifyHost(true)
                    .setKeyCertOptions(org.pensim.registry.tls.MutualTls.identity(credentials, ca))
                    .setTrustOptions(org.pensim.registry.tls.MutualTls.trusting(ca));
        }
        this.http = vertx.createHttpClient(options);
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.credentials = credentials;
        this.clock = clock;
        this.mutualTls = ca != null;
    }

    /**
     * A client that talks HTTPS to a registry with TLS enabled, trusts only the registry CA, and
     * authenticates with the authority's own certificate in the handshake (no per-request signature).
     */
    public static RegistryClient overMutualTls(Vertx vertx, String host, int port, AuthorityCredentials credentials,
            java.security.cert.X509Certificate ca, Clock clock) {
        return new RegistryClient(vertx, host, port, credentials, clock, ca);
    }

    private RequestOptions authenticated(RequestOptions options, String method, String path, String query, byte[] body) {
        if (mutualTls) {
            return options;
        }
        HttpMessageSignatures.Headers h = HttpMessageSignatures.sign(credentials, method, path, query, body, clock.instant());
        return options.putHeader("Content-Digest", h.contentDigest())
                .putHeader("Signature-Input", h.signatureInput())
                .putHeader("Signature", h.signature());
    }

    public AuthorityCredentials credentials() {
        return credentials;
    }

    /**
     * Submits a signed notification. Safe to send again after a failure: the registry answers a repeat of the
     * same document with the same receipt (200, not 201).
     */
    public Future<Response> submit(SignedDocument notification) {
        return exchange(HttpMethod.POST, "/v1/notifications", json(notification));
    }

    /** Sends a signed lifecycle event; safe to send again (a repeated event id changes nothing). */
    public Future<Response> event(String notificationId, SignedDocument event) {
        return exchange(HttpMethod.POST, "/v1/notifications/" + notificationId + "/events", json(event));
    }

    private static byte[] json(SignedDocument document) {
        return document.toJson().toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends a signed lifecycle event and waits for the registry's answer (for worker threads): the new
     * state, or an {@link IllegalArgumentException} with the registry's reason ({@link EventIdTaken} when it holds
     * another event under this one's id), or an {@link IllegalStateException} when the registry cannot be reached.
     */
    public String sendEventAndWait(String notificationId, SignedDocument event) {
        return sendEventAndWaitForAnswer(notificationId, event).path("state").asText();
    }

    /** As {@link #sendEventAndWait}, with the registry's whole answer (after an ANSWER, the importer's new replyDeadline). */
    public JsonNode sendEventAndWaitForAnswer(String notificationId, SignedDocument event) {
        Response r = await(event(notificationId, event));
        if (EventIdTaken.answered(r)) {
            throw new EventIdTaken(event.document().path("eventId").asText(),
                    r.body().path("detail").asText("the registry holds another event under this id"));
        }
        if (!r.ok()) {
            throw new IllegalArgumentException(r.body().path("detail").asText("the registry refused it"));
        }
        return r.body();
    }

    /** An answer waited for on a worker thread; IllegalStateException, in words, when there is none. */
    private static Response await(Future<Response> answer) {
        try {
            return answer.toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the registry could not be reached; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The event the registry applied under an id, as the notification's history records it ({@code type}, {@code
     * decision}, {@code from}, {@code to}, {@code at}), with the notification's current {@code state}; null when the
     * notification has no such event (for worker threads).
     */
    public JsonNode appliedEvent(String notificationId, String eventId) {
        Response r = await(notification(notificationId));
        if (!r.ok()) {
            throw new IllegalArgumentException(r.body().path("detail").asText("the registry refused to show the notification"));
        }
        for (JsonNode e : r.body().path("events")) {
            if (e.path("eventId").asText().equals(eventId)) {
                return ((com.fasterxml.jackson.databind.node.ObjectNode) e.deepCopy()).put("state", r.body().path("state").asText());
            }
        }
        return null;
    }

    public Future<Response> notification(String id) {
        return get("/v1/notifications/" + id);
    }

    public Future<Response> inbox(long after, int limit) {
        return get("/v1/inbox?after=" + after + "&limit=" + limit);
    }

    public Future<Response> enrol(String country, String role, String publicKeyBase64) {
        return post("/v1/authorities", ProtocolJson.mapper().createObjectNode().put("country", country)
                .put("role", role).put("publicKey", publicKeyBase64).toString());
    }

    /**
     * Enrols an authority with a fresh Ed25519 key (this client must be the operator's) and returns its
     * credentials: the private key never leaves this process.
     */
    public Future<org.pensim.protocol.pki.AuthorityCredentials> enrolNewKey(String country,
            org.pensim.protocol.pki.AuthorityRole role) {
        java.security.KeyPair keys = org.pensim.protocol.pki.Crypto.newEd25519KeyPair();
        return enrol(country, role.label(), java.util.Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()))
                .compose(r -> {
                    if (r.status() != 201) {
                        return Future.failedFuture(new IllegalStateException("enrolment of " + country + " "
                                + role.label() + " refused: " + r.status() + " " + r.body()));
                    }
                    try {
                        return Future.succeededFuture(org.pensim.protocol.pki.AuthorityCredentials.of(keys.getPrivate(),
                                org.pensim.protocol.pki.AuthorityCertificate.of(org.pensim.protocol.pki.Pem.parseCertificate(
                                        r.body().get("certificate").asText(), country))));
                    } catch (java.io.IOException e) {
                        return Future.failedFuture(e);
                    }
                });
    }

    public Future<Response> revoke(String kid, String reason) {
        return post("/v1/authorities/" + kid + "/revocation",
                ProtocolJson.mapper().createObjectNode().put("reason", reason).toString());
    }

    public Future<Response> get(String pathAndQuery) {
        return send(HttpMethod.GET, pathAndQuery, null);
    }

    public Future<Response> post(String path, String json) {
        return send(HttpMethod.POST, path, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Fails a request whose answer has not begun to arrive within {@code timeout} (default 30 s). */
    public RegistryClient answerTimeout(java.time.Duration timeout) {
        this.answerTimeoutMillis = timeout.toMillis();
        return this;
    }

    /** Sends a signed request; the body is JSON or absent. */
    public Future<Response> send(HttpMethod method, String pathAndQuery, byte[] body) {
        return exchange(method, pathAndQuery, body);
    }

    /**
     * One exchange, under a deadline over the whole of it. (Vert.x 5.0.7 could lose the end of a response,
     * eclipse-vertx/vert.x#6038; the client asked such reads again. Vert.x 5.1.6 carries the fix, so an answer
     * that stops after its headers is now the server's fault, and the deadline reports it.)
     */
    private Future<Response> exchange(HttpMethod method, String pathAndQuery, byte[] body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        RequestOptions options = authenticated(new RequestOptions().setMethod(method).setURI(pathAndQuery)
                .setIdleTimeout(answerTimeoutMillis)
                .putHeader("Accept", "application/json"), method.name(), path, query, body);
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        // A deadline over the whole exchange, whatever phase it is stuck in (waiting for a pooled connection,
        // connecting, sending, reading), naming that phase: the idle timeout alone only runs once the request
        // is on a connection.
        io.vertx.core.Promise<Response> answer = io.vertx.core.Promise.promise();
        java.util.concurrent.atomic.AtomicReference<String> phase = new java.util.concurrent.atomic.AtomicReference<>(
                "waiting for a connection");
        java.util.concurrent.atomic.AtomicReference<io.vertx.core.http.HttpClientRequest> request =
                new java.util.concurrent.atomic.AtomicReference<>();
        long deadline = CONNECT_TIMEOUT_MILLIS + answerTimeoutMillis + 5_000;
        long timer = vertx.setTimer(deadline, t -> {
            if (answer.tryFail(new java.util.concurrent.TimeoutException(method + " " + path + " to " + address()
                    + ": no answer within " + deadline + " ms (" + phase.get() + ")"))) {
                io.vertx.core.http.HttpClientRequest r = request.get();
                if (r != null) {
                    r.reset();
                }
            }
        });
        http.request(options)
                .compose(req -> {
                    request.set(req);
                    phase.set("sent on " + req.connection().localAddress() + ", no answer yet");
                    return body == null ? req.send() : req.send(Buffer.buffer(body));
                })
                .compose(resp -> {
                    phase.set("answered " + resp.statusCode() + ", body not complete");
                    return resp.body().map(b -> new Response(resp.statusCode(), parse(b), retryAfterHeader(resp)));
                })
                .onComplete(r -> {
                    vertx.cancelTimer(timer);
                    settle(answer, r);
                });
        return answer.future();
    }

    private static <T> void settle(io.vertx.core.Promise<T> promise, io.vertx.core.AsyncResult<T> result) {
        if (result.succeeded()) {
            promise.tryComplete(result.result());
        } else {
            promise.tryFail(result.cause());
        }
    }

    /**
     * Follows the inbox as server-sent events from {@code after}; each entry goes to {@code onEntry}.
     * The future completes when the stream ends (server closed, member died); resume with the last
     * sequence seen.
     */
    public Future<Void> followInbox(long after, Consumer<JsonNode> onEntry) {
        String path = "/v1/inbox/stream";
        String query = "after=" + after;
        RequestOptions options = authenticated(new RequestOptions().setMethod(HttpMethod.GET).setURI(path + "?" + query)
                .putHeader("Accept", "text/event-stream")
                .setIdleTimeout(0), "GET", path, query, null);
        return http.request(options).compose(req -> req.send()).compose(resp -> {
            if (resp.statusCode() != 200) {
                return resp.body().compose(b -> Future.failedFuture("inbox stream refused: " + resp.statusCode() + " " + b));
            }
            io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
            StringBuilder data = new StringBuilder();
            RecordParser lines = RecordParser.newDelimited("\n", line -> {
                String l = line.toString(StandardCharsets.UTF_8);
                if (l.startsWith("data: ")) {
                    data.append(l.substring(6));
                } else if (l.isEmpty() && data.length() > 0) {
                    onEntry.accept(parse(Buffer.buffer(data.toString())));
                    data.setLength(0);
                }
            });
            resp.handler(lines);
            resp.endHandler(v -> done.tryComplete());
            resp.exceptionHandler(done::tryFail);
            resp.request().connection().closeHandler(v -> done.tryComplete());
            return done.future();
        });
    }

    /**
     * A node's first start: generates its Ed25519 key, presents it with the one-time token the operator
     * gave it, and writes {@code key.pem} and {@code cert.pem}. Unsigned, as the node has no key yet.
     */
    public static org.pensim.protocol.pki.AuthorityCredentials enrolWithToken(Vertx vertx, String host, int port,
            String token, java.nio.file.Path keyFile, java.nio.file.Path certFile) throws Exception {
        java.security.KeyPair keys = org.pensim.protocol.pki.Crypto.newEd25519KeyPair();
        String body = ProtocolJson.mapper().createObjectNode().put("token", token)
                .put("publicKey", java.util.Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())).toString();
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port));
        try {
            Response r = http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/v1/enrolments")
                            .putHeader("Content-Type", "application/json"))
                    .compose(req -> req.send(Buffer.buffer(body)))
                    .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), parse(b), retryAfterHeader(resp))))
                    .toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            if (r.status() != 201) {
                throw new IllegalArgumentException("enrolment refused: " + r.body().path("detail").asText(r.body().toString()));
            }
            var cert = org.pensim.protocol.pki.AuthorityCertificate.of(org.pensim.protocol.pki.Pem.parseCertificate(
                    r.body().get("certificate").asText(), "enrolment"));
            var credentials = org.pensim.protocol.pki.AuthorityCredentials.of(keys.getPrivate(), cert);
            java.nio.file.Files.createDirectories(keyFile.toAbsolutePath().getParent());
            org.pensim.protocol.pki.Pem.write(keyFile, keys.getPrivate());
            org.pensim.protocol.pki.Pem.write(certFile, cert.certificate());
            return credentials;
        } finally {
            http.close();
        }
    }

    private static JsonNode parse(Buffer b) {
        if (b == null || b.length() == 0) {
            return ProtocolJson.mapper().createObjectNode();
        }
        try {
            return ProtocolJson.parse(b.getBytes());
        } catch (Exception e) {
            return ProtocolJson.mapper().createObjectNode().put("raw", b.toString());
        }
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public void close() {
        http.close();
    }
}
