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
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(35));
        assertThat(requests.get()).as("asked once: Vert.x 5.1 no longer loses the end of answers (vert.x#6038)").isEqualTo(1);
        client.close();
    }
}
