package org.pensim.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateAuthority;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.NotificationDraft;

/**
 * The API contract builds each schema validator once: vertx-openapi asked for a new one at every parameter and body
 * of every request. Requests are still checked as before, now on the calling thread: what breaks the contract is
 * refused.
 */
class CachedSchemaValidatorsTest {

    private static Vertx vertx;
    private static ApiContract contract;

    @BeforeAll
    static void load() {
        vertx = Vertx.vertx();
        contract = ApiContract.load(vertx);
    }

    @AfterAll
    static void close() {
        vertx.close();
    }

    @Test
    void validators_are_built_once_however_many_requests_use_them() throws Exception {
        String body = signedNotification();
        check(submission(body), "submitNotification");
        check(inboxRead("0", "100"), "readInbox");
        int afterFirst = contract.validatorsBuilt();
        assertThat(afterFirst).isPositive();
        for (int i = 0; i < 20; i++) {
            check(submission(body), "submitNotification");
            check(inboxRead(Integer.toString(i), "10"), "readInbox");
        }
        assertThat(contract.validatorsBuilt()).isEqualTo(afterFirst);
    }

    @Test
    void a_request_that_breaks_the_contract_is_still_refused() throws Exception {
        check(submission(signedNotification()), "submitNotification");
        assertThatThrownBy(() -> check(submission("{\"protected\":\"x\",\"document\":{}}"), "submitNotification"))
                .as("a body without its signature").isInstanceOf(ValidatorException.class);
        assertThatThrownBy(() -> check(inboxRead("-1", "10"), "readInbox")).as("a negative cursor")
                .isInstanceOf(ValidatorException.class);
    }

    private static void check(ValidatableRequest request, String operationId) {
        contract.check(request, contract.operation(operationId));
    }

    private static String signedNotification() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("pensim test CA", java.time.Clock.systemUTC(),
                java.time.Duration.ofDays(1));
        AuthorityCredentials germany = ca.enrol("DE", AuthorityRole.EXPORTING, java.time.Duration.ofDays(1));
        return new DocumentSigner(germany).sign(DocumentType.NOTIFICATION, NotificationDraft.example().json()).toJson().toString();
    }

    private static ValidatableRequest submission(String body) {
        return new ValidatableRequestImpl(Map.of(), Map.of(), Map.of(), Map.of(),
                new RequestParameterImpl(Buffer.buffer(body)), "application/json");
    }

    private static ValidatableRequest inboxRead(String after, String limit) {
        Map<String, RequestParameter> query = Map.of("after", new RequestParameterImpl(after), "limit", new RequestParameterImpl(limit));
        return new ValidatableRequestImpl(Map.of(), Map.of(), Map.of(), query, null, null);
    }
}
