package org.pensim.protocol.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.DoubleNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonCanonicalizerTest {

    private final JsonCanonicalizer jcs = JsonCanonicalizer.rfc8785();

    private String canon(String json) {
        return new String(jcs.canonicalize(json), StandardCharsets.UTF_8);
    }

    @Test
    void rfc8785_section_3_2_2_sample() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        assertThat(canon(input)).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void rfc8785_section_3_2_3_sorts_by_utf16_code_units() {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""";
        assertThat(canon(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void rfc8785_section_3_2_4_utf8_output() {
        byte[] bytes = jcs.canonicalize("{\"Unnormalized Unicode\":\"A\\u030a\"}");
        assertThat(bytes).containsExactly(0x7b, 0x22, 0x55, 0x6e, 0x6e, 0x6f, 0x72, 0x6d, 0x61, 0x6c, 0x69, 0x7a, 0x65,
                0x64, 0x20, 0x55, 0x6e, 0x69, 0x63, 0x6f, 0x64, 0x65, 0x22, 0x3a, 0x22, 0x41, 0xcc, 0x8a, 0x22, 0x7d);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2"
    })
    void rfc8785_appendix_b_numbers(String ieeeHex, String expected) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));
        assertThat(new String(jcs.canonicalize(DoubleNode.valueOf(d)), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void company_names_in_arabic_chinese_and_cyrillic_are_written_as_utf8_and_sorted_by_code_units() {
        String input = "{\"name\":\"شركة الخليج للكيماويات\",\"别名\":\"上海化工有限公司\",\"имя\":\"ООО «Химпром»\"}";
        String canonical = canon(input);
        // Cyrillic (U+0438) sorts before CJK (U+522B); both after ASCII.
        assertThat(canonical).isEqualTo(
                "{\"name\":\"شركة الخليج للكيماويات\",\"имя\":\"ООО «Химпром»\",\"别名\":\"上海化工有限公司\"}");
        assertThat(jcs.canonicalize(input)).isEqualTo(canonical.getBytes(StandardCharsets.UTF_8));
        // Escaped input gives the same bytes.
        assertThat(canon("{\"\\u0438\\u043c\\u044f\":\"x\"}")).isEqualTo("{\"имя\":\"x\"}");
    }

    @Test
    void whitespace_and_member_order_do_not_change_the_canonical_form() {
        assertThat(canon("{ \"b\" : [ 1 , 2 ] ,\n \"a\" : { \"d\" : true , \"c\" : null } }"))
                .isEqualTo(canon("{\"a\":{\"c\":null,\"d\":true},\"b\":[1,2]}"))
                .isEqualTo("{\"a\":{\"c\":null,\"d\":true},\"b\":[1,2]}");
    }

    @Test
    void lone_surrogates_are_rejected_with_their_location() {
        assertThatThrownBy(() -> canon("{\"parties\":[{\"name\":\"abc\\ud800\"}]}"))
                .isInstanceOf(CanonicalizationException.class)
                .hasMessageContaining("/parties/0/name")
                .hasMessageContaining("lone surrogate \\ud800");
        assertThatThrownBy(() -> canon("{\"x\":\"\\udc00abc\"}"))
                .hasMessageContaining("lone surrogate \\udc00");
    }

    @Test
    void duplicate_keys_are_rejected() {
        assertThatThrownBy(() -> canon("{\"a\":1,\"a\":2}"))
                .isInstanceOf(CanonicalizationException.class)
                .hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void signed_documents_refuse_floating_point_numbers_and_unsafe_integers() {
        JsonCanonicalizer strict = JsonCanonicalizer.signable();
        assertThatThrownBy(() -> strict.canonicalize("{\"quantity\":{\"value\":12.5}}"))
                .hasMessage("/quantity/value: floating-point number 12.5 is not allowed in a signed document; "
                        + "use a decimal string");
        assertThatThrownBy(() -> strict.canonicalize("{\"n\":1e3}"))
                .hasMessageContaining("floating-point number");
        assertThatThrownBy(() -> strict.canonicalize("{\"n\":9007199254740993}"))
                .hasMessageContaining("outside the exact range");
        assertThat(new String(strict.canonicalize("{\"count\":20,\"neg\":-3}"), StandardCharsets.UTF_8))
                .isEqualTo("{\"count\":20,\"neg\":-3}");
    }

    @Test
    void not_json_is_reported() {
        assertThatThrownBy(() -> canon("{\"a\":"))
                .isInstanceOf(CanonicalizationException.class)
                .hasMessageStartingWith("/: not valid JSON");
    }
}
