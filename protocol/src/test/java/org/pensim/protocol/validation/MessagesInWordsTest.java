package org.pensim.protocol.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;

/** Issue 20: validation messages an officer reads are in words, never a raw regular expression. */
class MessagesInWordsTest {

    @Test
    void every_pattern_of_the_shipped_schemas_has_words() throws Exception {
        List<String> patterns = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/schema"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                collect(ProtocolJson.parse(Files.readAllBytes(f)), patterns);
            }
        }
        assertThat(patterns).isNotEmpty();
        assertThat(SchemaCheck.PATTERNS.keySet()).as("add words for a new pattern in SchemaCheck.PATTERNS").containsAll(patterns);
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            if (node.path("pattern").isTextual()) {
                out.add(node.get("pattern").asText());
            }
            node.elements().forEachRemaining(n -> collect(n, out));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }

    @Test
    void a_mistyped_number_country_and_id_are_named_in_words() throws Exception {
        ObjectNode doc = (ObjectNode) ProtocolJson.parse(Files.readAllBytes(Path.of("../docs/examples/notification.json")));
        doc.put("id", "de 12").put("exportingCountry", "Germany");
        ((ObjectNode) doc.at("/items/0/quantity")).put("value", "2500.5.5");
        List<Problem> problems = DocumentValidator.standard().checkNotification(doc);
        assertThat(problems).extracting(Problem::message).contains(
                "'2500.5.5' is not a number such as 2500 or 2500.5 (a point for decimals, at most six decimals, no thousands separator)",
                "'Germany' is not a country code of two capital letters (ISO 3166-1 alpha-2, for example DE)")
                .noneMatch(m -> m.contains("regex") || m.contains("^") || m.contains("[0-9]"));
    }
}
