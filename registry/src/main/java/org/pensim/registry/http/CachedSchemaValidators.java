package org.pensim.registry.http;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAPI contract whose schema validators are built once per schema. vertx-openapi (5.1.6) asks the contract's
 * schema repository for a new validator for every parameter and body of every request, and building one copies the
 * repository's whole lookup table: about 3 % of a registry member's CPU under load, to rebuild the same few
 * validators. A validator holds no state between calls, so one per schema serves every request.
 */
final class CachedSchemaValidators implements OpenAPIContract {

    private final OpenAPIContract contract;
    private final Repository repository;

    CachedSchemaValidators(OpenAPIContract contract) {
        this.contract = contract;
        this.repository = new Repository(contract.getSchemaRepository());
    }

    /** How many validators were built, for tests: one per schema used, however many requests. */
    int built() {
        return repository.built.get();
    }

    @Override
    public SchemaRepository getSchemaRepository() {
        return repository;
    }

    @Override
    public Operation operation(String operationId) {
        return contract.operation(operationId);
    }

    @Override
    public List<Operation> operations() {
        return contract.operations();
    }

    @Override
    public List<Path> getPaths() {
        return contract.getPaths();
    }

    @Override
    public JsonObject getRawContract() {
        return contract.getRawContract();
    }

    @Override
    public OpenAPIVersion getVersion() {
        return contract.getVersion();
    }

    @Override
    public List<Server> getServers() {
        return contract.getServers();
    }

    @Override
    public Path findPath(String urlPath) {
        return contract.findPath(urlPath);
    }

    @Override
    public Operation findOperation(String urlPath, HttpMethod method) {
        return contract.findOperation(urlPath, method);
    }

    @Override
    public List<SecurityRequirement> getSecurityRequirements() {
        return contract.getSecurityRequirements();
    }

    @Override
    public SecurityScheme securityScheme(String name) {
        return contract.securityScheme(name);
    }

    /** The contract's repository, with validators for schemas kept by identity (the contract's schemas are fixed). */
    private static final class Repository implements SchemaRepository {
        private final SchemaRepository repository;
        private final Map<Identity, Validator> validators = new ConcurrentHashMap<>();
        private final AtomicInteger built = new AtomicInteger();

        Repository(SchemaRepository repository) {
            this.repository = repository;
        }

        @Override
        public Validator validator(JsonSchema schema) {
            return validators.computeIfAbsent(new Identity(schema), k -> {
                built.incrementAndGet();
                return repository.validator(schema);
            });
        }

        @Override
        public SchemaRepository dereference(JsonSchema schema) {
            repository.dereference(schema);
            return this;
        }

        @Override
        public SchemaRepository dereference(String uri, JsonSchema schema) {
            repository.dereference(uri, schema);
            return this;
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs) {
            repository.preloadMetaSchema(fs);
            return this;
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs, io.vertx.json.schema.Draft draft) {
            repository.preloadMetaSchema(fs, draft);
            return this;
        }

        @Override
        public Validator validator(String ref) {
            return repository.validator(ref);
        }

        @Override
        public Validator validator(String ref, JsonSchemaOptions options) {
            return repository.validator(ref, options);
        }

        @Override
        public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
            return repository.validator(schema, options, dereference);
        }

        @Override
        public JsonObject resolve(JsonObject schema) {
            return repository.resolve(schema);
        }

        @Override
        public JsonSchema find(String pointer) {
            return repository.find(pointer);
        }
    }

    /** A schema compared by identity: hashing a schema's content on every request would cost what the cache saves. */
    private record Identity(JsonSchema schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }
}
