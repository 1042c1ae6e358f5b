package org.pensim.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;

/**
 * A registry that takes a request and never answers fails the call after the answer timeout, not never;
 * one that answers but never finishes fails it at the deadline over the whole exchange.
 */
class RegistryClientTimeoutTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    private RegistryClient clientWithHalfSecondAnswerTimeout(int port) {
        CertificateAuthority ca = CertificateAuthority.create("timeout test CA", Clock.systemUTC(), Duration.ofDays(1));
        AuthorityCredentials de = ca.enrol("DE", AuthorityRole.EXPORTING, Duration.ofDays(1));
        return new RegistryClient(vertx, "127.0.0.1", port, de, Clock.systemUTC()).answerTimeout(Duration.ofMillis(500));
    }

    @Test
    void an_answer_that_never_comes_fails_the_call_after_the_timeout() throws Exception {
        HttpServer silent = vertx.createHttpServer().requestHandler(request -> { /* takes it, never answers */ })
                .listen(0, "127.0.0.1").await();
        RegistryClient client = clientWithHalfSecondAnswerTimeout(silent.actualPort());
        long start = System.nanoTime();
        Throwable failure = client.get("/v1/inbox").toCompletionStage().toCompletableFuture()
                .handle((r, e) -> e).get(20, TimeUnit.SECONDS);
        assertThat(failure).as("the call fails rather than answering").isNotNull();
        assertThat(failure.getMessage()).containsIgnoringCase("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        client.close();
    }

    @Test
    void an_answer_that_trickles_forever_fails_the_call_at_the_deadline_naming_the_phase() throws Exception {
        // Headers, then a byte every 200 ms: never idle long enough for the idle timeout, never complete.
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer trickling = vertx.createHttpServer().requestHandler(request -> {
            requests.incrementAndGet();
            request.response().setChunked(true).putHeader("content-type", "application/json").write("[");
            long timer = vertx.setPeriodic(200, t -> request.response().write(" "));
            request.connection().closeHandler(v -> vertx.cancelTimer(timer));
        }).listen(0, "127.0.0.1").await();
        RegistryClient client = clientWithHalfSecondAnswerTimeout(trickling.actualPort());
        long start = System.nanoTime();
        Throwable failure = client.get("/v1/inbox").toCompletionStage().toCompletableFuture()
                .handle((r, e) -> e).get(40, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(failure.getMessage()).contains("GET /v1/inbox to 127.0.0.1:" + trickling.actualPort(),
                "answered 200, body not complete");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(35));
        assertThat(requests.get()).as("a read whose body lags its headers is asked once more, not more").isEqualTo(2);
        client.close();
    }

    @Test
    void a_read_whose_body_is_lost_after_its_headers_is_asked_again_and_answered() throws Exception {
        // The first answer stops after its headers (as a response whose end Vert.x 5.0.7 lost); the second is whole.
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer flaky = vertx.createHttpServer().requestHandler(request -> {
            if (requests.incrementAndGet() == 1) {
                request.response().setChunked(true).putHeader("content-type", "application/json").write("{");
            } else {
                request.response().putHeader("content-type", "application/json").end("{\"entries\":[],\"head\":7}");
            }
        }).listen(0, "127.0.0.1").await();
        RegistryClient client = clientWithHalfSecondAnswerTimeout(flaky.actualPort()).answerTimeout(Duration.ofSeconds(30));
        long start = System.nanoTime();
        RegistryClient.Response r = client.get("/v1/inbox").toCompletionStage().toCompletableFuture().get(40, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("head").asInt()).isEqualTo(7);
        assertThat(requests.get()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(RegistryClient.BODY_GRACE_MILLIS),
                Duration.ofSeconds(20));
        client.close();
    }

    @Test
    void a_submission_whose_answer_is_lost_after_its_headers_is_sent_again_with_a_fresh_signature() throws Exception {
        // The registry answers a repeat of the same document with the same receipt; the client must not hang.
        java.util.List<String> signatures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<String> bodies = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        HttpServer flaky = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            signatures.add(request.getHeader("Signature-Input"));
            bodies.add(body.toString());
            if (signatures.size() == 1) {
                request.response().setStatusCode(201).setChunked(true).putHeader("content-type", "application/json").write("{");
            } else {
                request.response().setStatusCode(200).putHeader("content-type", "application/json").end("{\"receipt\":\"r\"}");
            }
        })).listen(0, "127.0.0.1").await();
        CertificateAuthority ca = CertificateAuthority.create("resend test CA", Clock.systemUTC(), Duration.ofDays(1));
        AuthorityCredentials de = ca.enrol("DE", AuthorityRole.EXPORTING, Duration.ofDays(1));
        RegistryClient client = new RegistryClient(vertx, "127.0.0.1", flaky.actualPort(), de, Clock.systemUTC());
        org.pensim.protocol.signing.SignedDocument signed = new org.pensim.protocol.signing.DocumentSigner(de).sign(
                org.pensim.protocol.signing.DocumentType.NOTIFICATION, org.pensim.protocol.json.ProtocolJson.parse(
                        java.nio.file.Files.readString(java.nio.file.Path.of("../docs/examples/notification.json"))));
        RegistryClient.Response r = client.submit(signed).toCompletionStage().toCompletableFuture().get(40, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("receipt").asText()).isEqualTo("r");
        assertThat(bodies).hasSize(2).allMatch(b -> b.equals(bodies.get(0)));
        assertThat(signatures.get(1)).as("a new nonce, so the registry does not refuse it as replayed")
                .isNotEqualTo(signatures.get(0));
        client.close();
    }
}
