package org.pensim.protocol.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pensim.protocol.testing.Examples;

/**
 * Property-based fuzzing of the document validator (issue 19): the example notification mutated at random
 * places (values replaced by other JSON types, odd strings, huge numbers; members removed; members added)
 * never makes the validator throw, and every problem it reports is a well-formed JSON Pointer to a member
 * that exists or whose parent does. A longer campaign: {@code -Djqwik.tries.default=N} (docs/security.md).
 */
class DocumentValidatorFuzzTest {

    private static final DocumentValidator VALIDATOR = DocumentValidator.standard();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** One change to the document: what to do at which of its places. */
    record Mutation(int place, int kind, JsonNode value) {
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<JsonNode> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(F::textNode),
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(12).map(F::textNode),
                Arbitraries.of("-1", "0", "1e309", "NaN", "99999999999999999999", "0.0000001", "1.5", "ZZ", "", "DE", "2026-02-30")
                        .map(F::textNode),
                Arbitraries.longs().map(F::numberNode),
                Arbitraries.doubles().map(F::numberNode),
                Arbitraries.of(F.nullNode(), F.booleanNode(true), F.objectNode(), F.arrayNode()));
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 2), values).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property
    void the_validator_never_throws_and_points_only_at_real_places(@ForAll("mutations") List<Mutation> mutations) {
        ObjectNode doc = Examples.notification();
        for (Mutation m : mutations) {
            apply(doc, m);
        }
        List<Problem> problems = VALIDATOR.checkNotification(doc);
        for (Problem p : problems) {
            assertThat(p.message()).as(p.toString()).isNotBlank();
            assertThat(p.pointer()).as(p.toString()).matches("(/([^~/]|~[01])*)*");
            JsonPointer pointer = JsonPointer.compile(p.pointer());
            boolean exists = !doc.at(pointer).isMissingNode();
            boolean parentExists = pointer.head() == null || !doc.at(pointer.head()).isMissingNode();
            assertThat(exists || parentExists).as("%s in %s", p, doc).isTrue();
        }
    }

    private static void apply(ObjectNode doc, Mutation m) {
        List<String> places = new ArrayList<>();
        collect(doc, "", places);
        String at = places.get(m.place() % places.size());
        JsonPointer pointer = JsonPointer.compile(at);
        JsonNode parent = pointer.head() == null ? null : doc.at(pointer.head());
        String last = pointer.last() == null ? null : pointer.last().getMatchingProperty();
        if (parent instanceof ObjectNode o) {
            switch (m.kind()) {
                case 0 -> o.set(last, m.value());
                case 1 -> o.remove(last);
                default -> o.set("x" + Math.abs(last.hashCode() % 100), m.value());
            }
        } else if (parent instanceof ArrayNode a) {
            int i = pointer.last().getMatchingIndex();
            switch (m.kind()) {
                case 0 -> a.set(i, m.value());
                case 1 -> a.remove(i);
                default -> a.add(m.value());
            }
        }
    }

    private static void collect(JsonNode node, String at, List<String> out) {
        if (!at.isEmpty()) {
            out.add(at);
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> collect(e.getValue(), at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), at + "/" + i, out);
            }
        }
    }
}
