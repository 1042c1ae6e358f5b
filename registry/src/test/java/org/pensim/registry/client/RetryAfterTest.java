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

/** A registry's push-back is read from its Retry-After header, and from the problem only when the header is missing. */
class RetryAfterTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    private RegistryClient.Response askServerAnswering(String retryAfterHeader, String body) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            var response = request.response().setStatusCode(503).putHeader("content-type", "application/problem+json");
            if (retryAfterHeader != null) {
                response.putHeader("Retry-After", retryAfterHeader);
            }
            response.end(body);
        }).listen(0, "127.0.0.1").await();
        CertificateAuthority ca = CertificateAuthority.create("retry-after test CA", Clock.systemUTC(), Duration.ofDays(1));
        AuthorityCredentials de = ca.enrol("DE", AuthorityRole.EXPORTING, Duration.ofDays(1));
        RegistryClient client = new RegistryClient(vertx, "127.0.0.1", server.actualPort(), de, Clock.systemUTC());
        try {
            return client.get("/v1/inbox").toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    @Test
    void the_header_is_read_even_when_the_answer_has_no_body() throws Exception {
        RegistryClient.Response r = askServerAnswering("7", "");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.retryAfterSeconds()).isEqualTo(7);
    }

    @Test
    void the_header_comes_before_the_problem_and_the_problem_stands_in_for_a_missing_header() throws Exception {
        assertThat(askServerAnswering("2", "{\"retryAfterSeconds\":5}").retryAfterSeconds()).isEqualTo(2);
        assertThat(askServerAnswering(null, "{\"retryAfterSeconds\":5}").retryAfterSeconds()).isEqualTo(5);
        assertThat(askServerAnswering(null, "").retryAfterSeconds()).isZero();
    }
}
