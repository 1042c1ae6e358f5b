package org.pensim.protocol.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON Schemas (draft 2020-12) in {@code schema/} on the class path, enforced with networknt's
 * validator; errors become {@link Problem}s with JSON Pointers to the offending member.
 */
public final class SchemaCheck {

    public static final String BASE_URI = "https://pensim.org/schema/";

    private final Schema schema;

    private SchemaCheck(Schema schema) {
        this.schema = schema;
    }

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaIdResolvers(r -> r.mapPrefix(BASE_URI, "classpath:schema/"))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_POINTER)
                            .formatAssertionsEnabled(true)
                            .locale(Locale.ENGLISH)
                            .build()));

    /** @param name file name under {@code schema/}, for example {@code notification.schema.json} */
    public static SchemaCheck of(String name) {
        Schema s = REGISTRY.getSchema(SchemaLocation.of(BASE_URI + name));
        s.initializeValidators();
        return new SchemaCheck(s);
    }

    public List<Problem> check(JsonNode document) {
        List<Problem> problems = new ArrayList<>();
        for (Error e : schema.validate(document)) {
            String pointer = e.getInstanceLocation().toString();
            String message = e.getMessage();
            String property = e.getProperty();
            if (property != null && ("required".equals(e.getKeyword())
                    || "additionalProperties".equals(e.getKeyword()))) {
                pointer = pointer + "/" + property;
                message = "required".equals(e.getKeyword()) ? "is required but missing"
                        : "is not a field of this document";
            }
            if (message.startsWith(pointer + ": ")) {
                message = message.substring(pointer.length() + 2);
            } else if (message.startsWith(": ")) {
                message = message.substring(2);
            }
            if ("if".equals(e.getKeyword()) || "then".equals(e.getKeyword()) || "else".equals(e.getKeyword())
                    || "allOf".equals(e.getKeyword())) {
                continue; // the nested error that follows says what is actually wrong
            }
            Problem p = new Problem(pointer, message);
            if (!problems.contains(p)) {
                problems.add(p);
            }
        }
        return problems;
    }
}
