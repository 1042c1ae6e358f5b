package org.pensim.registry.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.pki.Crypto;

/** Ed25519 certificates of the pensim CA work for mutual TLS in the JDK's TLS 1.3, both ways. */
class MutualTlsTest {

    static Vertx vertx;
    static CertificateAuthority ca;
    static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        ca = CertificateAuthority.create("tls test CA", Clock.systemUTC(), Duration.ofDays(30));
        KeyPair serverKeys = Crypto.newEd25519KeyPair();
        X509Certificate serverCert = ca.issueServer(serverKeys.getPublic(), List.of("127.0.0.1", "localhost"), Duration.ofDays(30));
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setClientAuth(ClientAuth.REQUIRED)
                        .setKeyCertOptions(MutualTls.identity(serverKeys.getPrivate().getEncoded(), serverCert, ca.certificate()))
                        .setTrustOptions(MutualTls.trusting(ca.certificate())))
                .requestHandler(req -> {
                    try {
                        req.response().end(((X509Certificate) req.connection().peerCertificates().get(0))
                                .getSubjectX500Principal().getName());
                    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                        req.response().setStatusCode(401).end("no client certificate");
                    }
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    static String call(AuthorityCredentials who, X509Certificate issuer, X509Certificate trusted) throws Exception {
        var client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(true)
                .setKeyCertOptions(MutualTls.identity(who, issuer))
                .setTrustOptions(MutualTls.trusting(trusted)));
        try {
            return client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
                    .compose(r -> r.send().compose(resp -> resp.body())).toCompletionStage().toCompletableFuture()
                    .get(20, TimeUnit.SECONDS).toString();
        } finally {
            client.close();
        }
    }

    @Test
    void an_enrolled_authority_and_the_registry_recognise_each_other() throws Exception {
        AuthorityCredentials india = ca.enrol("IN", AuthorityRole.IMPORTING, Duration.ofDays(10));
        assertThat(call(india, ca.certificate(), ca.certificate())).contains("C=IN", "OU=importing");
    }

    @Test
    void a_certificate_of_another_ca_is_refused_in_the_handshake() {
        CertificateAuthority rogue = CertificateAuthority.create("rogue", Clock.systemUTC(), Duration.ofDays(30));
        AuthorityCredentials forger = rogue.enrol("IN", AuthorityRole.IMPORTING, Duration.ofDays(10));
        assertThatThrownBy(() -> call(forger, rogue.certificate(), ca.certificate())).hasStackTraceContaining("SSLHandshakeException");
        // and a client that trusts only another CA refuses the registry
        AuthorityCredentials india = ca.enrol("IN", AuthorityRole.IMPORTING, Duration.ofDays(10));
        assertThatThrownBy(() -> call(india, ca.certificate(), rogue.certificate())).hasStackTraceContaining("SSLHandshakeException");
    }
}
