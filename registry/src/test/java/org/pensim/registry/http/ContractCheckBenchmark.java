package org.pensim.registry.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.Examples;

/**
 * The OpenAPI contract's check of one notification submission (its body against the SignedDocument schema) and of
 * one inbox read (two query parameters): as the registry checks now (on the calling thread, schema validators built
 * once, {@link CachedSchemaValidators}) and with vertx-openapi's own {@code validate} (through Vert.x's worker pool,
 * validators built at every request), as it did before. Run:
 * {@code ./mvnw -B -q -Pbench -pl registry test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:exec -Dbench=ContractCheckBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ContractCheckBenchmark {

    private Vertx vertx;
    private ApiContract contract;
    private io.vertx.openapi.validation.RequestValidator library;
    private Buffer body;

    @Setup
    public void setUp() {
        vertx = Vertx.vertx();
        contract = ApiContract.load(vertx);
        library = io.vertx.openapi.validation.RequestValidator.create(vertx, ApiContract.document(vertx, ApiContract.readYaml()));
        CertificateAuthority ca = CertificateAuthority.create("bench root", Clock.systemUTC(), Duration.ofDays(30));
        body = Buffer.buffer(new DocumentSigner(ca.enrol("DE", AuthorityRole.EXPORTING, Duration.ofDays(30)))
                .sign(DocumentType.NOTIFICATION, Examples.notification()).toJson().toString());
    }

    @TearDown
    public void tearDown() {
        vertx.close();
    }

    @Benchmark
    public ValidatableRequest submission() {
        ValidatableRequest request = submissionRequest();
        contract.check(request, contract.operation("submitNotification"));
        return request;
    }

    @Benchmark
    public Object submissionLibrary() throws Exception {
        return library(submissionRequest(), "submitNotification");
    }

    @Benchmark
    public ValidatableRequest inboxRead() {
        ValidatableRequest request = inboxReadRequest();
        contract.check(request, contract.operation("readInbox"));
        return request;
    }

    @Benchmark
    public Object inboxReadLibrary() throws Exception {
        return library(inboxReadRequest(), "readInbox");
    }

    /** What the registry did before: the library's validate, which runs on Vert.x's worker pool and builds validators. */
    private Object library(ValidatableRequest request, String operationId) throws Exception {
        return library.validate(request, operationId).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private ValidatableRequest submissionRequest() {
        return new ValidatableRequestImpl(Map.of(), Map.of(), Map.of(), Map.of(), new RequestParameterImpl(body), "application/json");
    }

    private static ValidatableRequest inboxReadRequest() {
        return new ValidatableRequestImpl(Map.of(), Map.of(), Map.of(),
                Map.of("after", new RequestParameterImpl("1200"), "limit", new RequestParameterImpl("100")), null, null);
    }
}
