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

    /** What each of the schemas' patterns asks for, in words: an officer reads these, not regular expressions. */
    static final java.util.Map<String, String> PATTERNS = java.util.Map.of(
            "^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,6})?$",
            "a number such as 2500 or 2500.5 (a point for decimals, at most six decimals, no thousands separator)",
            "^[0-9]{2,7}-[0-9]{2}-[0-9]$", "a CAS number such as 90-82-4",
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$",
            "a time in UTC such as 2026-03-02T08:00:00Z",
            "^[0-9]{4}\\.[0-9]{2}([0-9]{2})?$", "an HS code such as 2939.42 or 2939.4200",
            "^[A-Z]{2}$", "a country code of two capital letters (ISO 3166-1 alpha-2, for example DE)",
            "^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$",
            "an id of 3 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit",
            "^[a-z0-9][a-z0-9-]{0,63}$", "an identifier in lower-case letters, digits and dashes, such as pseudoephedrine");

    static String patternInWords(JsonNode value, JsonNode pattern) {
        String shown = value == null ? "this value" : "'" + value.asText() + "'";
        String words = pattern == null ? null : PATTERNS.get(pattern.asText());
        return shown + " is not " + (words != null ? words : "in the expected form");
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
            if ("pattern".equals(e.getKeyword())) {
                message = patternInWords(e.getInstanceNode(), e.getSchemaNode());
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
