package org.pensim.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules of the common OpenAPI linters' recommended sets that the auditor found broken (issue 19, defect 6),
 * checked on the document itself: every operation with an id, summary, description, declared tags and a 4XX
 * answer; no schema property whose name is the debris of an unquoted YAML description. The document carries
 * no license because the project has not chosen one (docs/security.md).
 */
class OpenApiDocumentTest {

    private static JsonNode document() throws Exception {
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void every_operation_is_described_tagged_and_answers_client_errors() throws Exception {
        JsonNode doc = document();
        Set<String> tags = new HashSet<>();
        doc.path("tags").forEach(t -> tags.add(t.path("name").asText()));
        assertThat(tags).isNotEmpty();
        Set<String> ids = new HashSet<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                var op = ops.next();
                String at = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode o = op.getValue();
                operations++;
                assertThat(o.path("operationId").asText()).as(at + " operationId").isNotBlank();
                assertThat(ids.add(o.path("operationId").asText())).as(at + " operationId unique").isTrue();
                assertThat(o.path("summary").asText()).as(at + " summary").isNotBlank();
                assertThat(o.path("description").asText()).as(at + " description").isNotBlank();
                assertThat(o.path("tags")).as(at + " tags").isNotEmpty();
                o.path("tags").forEach(t -> assertThat(tags).as(at + " tag declared").contains(t.asText()));
                Set<String> statuses = new HashSet<>();
                o.path("responses").fieldNames().forEachRemaining(statuses::add);
                assertThat(statuses).as(at + " a 4XX response").anyMatch(s -> s.startsWith("4"));
            }
        }
        assertThat(operations).isGreaterThan(15);
    }

    @Test
    void no_property_name_is_the_debris_of_an_unquoted_description() throws Exception {
        check(document(), "");
    }

    private static void check(JsonNode node, String at) {
        if (node.isObject()) {
            JsonNode props = node.get("properties");
            if (props != null && props.isObject()) {
                props.fieldNames().forEachRemaining(name -> assertThat(name).as(at + "/properties")
                        .matches("[A-Za-z][A-Za-z0-9_]*"));
            }
            node.fields().forEachRemaining(e -> check(e.getValue(), at + "/" + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), at + "/" + i);
            }
        }
    }
}
