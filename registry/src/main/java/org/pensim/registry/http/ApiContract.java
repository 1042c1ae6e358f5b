package org.pensim.registry.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The API's OpenAPI 3.1 document, enforced: every request to a described operation has its path and
 * query parameters and its body checked against the document before any other work; a mismatch is a
 * 400 that quotes what the document requires. The handlers' own checks (signatures, JSON Schemas of the
 * signed documents, rules) come after.
 */
public final class ApiContract {

    private final CachedSchemaValidators contract;
    /**
     * Used for its synchronous checks of one parameter and of the body: its {@code validate} runs them on Vert.x's
     * worker pool and answers on the event loop, two thread hand-offs per request for work of a few microseconds.
     */
    private final RequestValidatorImpl checker;
    private final byte[] yaml;

    private ApiContract(Vertx vertx, OpenAPIContract contract, byte[] yaml) {
        this.contract = new CachedSchemaValidators(contract);
        this.checker = new RequestValidatorImpl(vertx, this.contract);
        this.yaml = yaml;
    }

    /** Reads {@code openapi.yaml} from the classpath; a broken document stops the member from starting. */
    public static ApiContract load(Vertx vertx) {
        byte[] yaml = readYaml();
        return new ApiContract(vertx, document(vertx, yaml), yaml);
    }

    /** The document as vertx-openapi reads it, for checks ({@link #requestsOnly}); also what ContractCheckBenchmark compares with. */
    static OpenAPIContract document(Vertx vertx, byte[] yaml) {
        try {
            JsonObject document = new JsonObject(new ObjectMapper(new YAMLFactory()).readTree(yaml).toString());
            return OpenAPIContract.from(vertx, requestsOnly(document)).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("openapi.yaml is not a usable OpenAPI document: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading openapi.yaml", e);
        }
    }

    static byte[] readYaml() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the registry's classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("openapi.yaml could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * The document as the request validator sees it: response bodies removed, since only requests are
     * enforced here, and the validator does not know application/problem+json (RFC 9457), which every
     * error response of this API uses.
     */
    static JsonObject requestsOnly(JsonObject document) {
        JsonObject copy = document.copy();
        JsonObject paths = copy.getJsonObject("paths", new JsonObject());
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                Object op = item.getValue(method);
                if (op instanceof JsonObject operation && operation.containsKey("responses")) {
                    JsonObject responses = operation.getJsonObject("responses");
                    for (String status : responses.fieldNames()) {
                        responses.put(status, new JsonObject().put("description", "see /openapi.yaml"));
                    }
                }
            }
        }
        JsonObject components = copy.getJsonObject("components");
        if (components != null) {
            components.remove("responses");
        }
        return copy;
    }

    /** The methods the document describes for a concrete path, in a stable order; empty for an unknown path. */
    public java.util.List<String> allowedMethods(String path) {
        java.util.List<String> allowed = new java.util.ArrayList<>();
        for (io.vertx.core.http.HttpMethod m : java.util.List.of(io.vertx.core.http.HttpMethod.GET,
                io.vertx.core.http.HttpMethod.POST, io.vertx.core.http.HttpMethod.PUT, io.vertx.core.http.HttpMethod.PATCH,
                io.vertx.core.http.HttpMethod.DELETE)) {
            if (contract.findOperation(path, m) != null) {
                allowed.add(m.name());
            }
        }
        return allowed;
    }

    /**
     * Checks a request, taken apart, against its operation: each parameter, then the body, as vertx-openapi's own
     * {@code validate} does, on the calling thread.
     *
     * @throws ValidatorException saying what the document requires
     */
    void check(ValidatableRequest request, Operation operation) {
        for (Parameter p : operation.getParameters()) {
            Map<String, RequestParameter> values = switch (p.getIn()) {
                case PATH -> request.getPathParameters();
                case QUERY -> request.getQuery();
                case HEADER -> request.getHeaders();
                case COOKIE -> request.getCookies();
            };
            checker.validateParameter(p, values.get(p.getName()));
        }
        checker.validateBody(operation.getRequestBody(), request);
    }

    /** The operation of the document with this id. */
    Operation operation(String operationId) {
        return contract.operation(operationId);
    }

    /** How many schema validators were built so far ({@link CachedSchemaValidators}). */
    int validatorsBuilt() {
        return contract.built();
    }

    public byte[] yaml() {
        return yaml.clone();
    }

    /**
     * Passes a request on when it matches its operation in the document; requests to undescribed paths
     * pass too, for the router to answer 404 or 405.
     */
    public void enforce(RoutingContext ctx) {
        Operation operation = contract.findOperation(ctx.request().path(), ctx.request().method());
        if (operation == null) {
            ctx.next();
            return;
        }
        Buffer body = ctx.body() == null || ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
        RequestUtils.extract(ctx.request(), operation, () -> Future.succeededFuture(body))
                .map(request -> {
                    check(request, operation);
                    return request;
                })
                .onComplete(r -> {
                    if (r.succeeded()) {
                        ctx.next();
                    } else {
                        ApiProblem.send(ctx, ApiProblem.badRequest("contract-violation", describe(r.cause(), operation)));
                    }
                });
    }

    private static String describe(Throwable failure, Operation operation) {
        String what = failure instanceof ValidatorException v ? v.getMessage() : String.valueOf(failure.getMessage());
        return "the request does not match operation " + operation.getOperationId() + " of /openapi.yaml: " + what;
    }
}
