package org.pensim.protocol.canonical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.erdtman.jcs.NumberToJSON;
import org.pensim.protocol.json.ProtocolJson;

/**
 * RFC 8785 JSON Canonicalization Scheme: properties sorted by UTF-16 code units, minimal string
 * escaping, ECMAScript number formatting (delegated to the RFC authors' reference code), UTF-8 output.
 *
 * <p>{@link #signable} adds pensim's rules for documents that get signed: numbers must be integers
 * within IEEE-754's exact range (quantities travel as decimal strings), and strings must be valid
 * Unicode (no lone surrogates). Duplicate keys are refused when parsing.
 */
public final class JsonCanonicalizer {

    /** 2^53 - 1: the largest integer every JSON implementation reads exactly. */
    private static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private final boolean strict;

    private JsonCanonicalizer(boolean strict) {
        this.strict = strict;
    }

    /** Plain RFC 8785, for any JSON value. */
    public static JsonCanonicalizer rfc8785() {
        return new JsonCanonicalizer(false);
    }

    /** RFC 8785 with pensim's rules for signed documents. */
    public static JsonCanonicalizer signable() {
        return new JsonCanonicalizer(true);
    }

    public byte[] canonicalize(JsonNode node) {
        StringBuilder out = new StringBuilder(2048);
        write(node, out, "");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses JSON text (refusing duplicate keys) and canonicalizes it. */
    public byte[] canonicalize(String json) {
        JsonNode node;
        try {
            node = ProtocolJson.parse(json);
        } catch (JsonProcessingException e) {
            throw new CanonicalizationException("", "not valid JSON: " + e.getOriginalMessage());
        }
        return canonicalize(node);
    }

    private void write(JsonNode node, StringBuilder out, String pointer) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out, pointer);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out, pointer + "/" + i);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out, pointer);
            case NUMBER -> writeNumber(node, out, pointer);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new CanonicalizationException(pointer, "unsupported JSON node " + node.getNodeType());
        }
    }

    private void writeObject(JsonNode node, StringBuilder out, String pointer) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            fields.add(it.next());
        }
        // String.compareTo compares UTF-16 code units, which is exactly the order RFC 8785 asks for.
        fields.sort(Map.Entry.comparingByKey());
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> field : fields) {
            if (!first) {
                out.append(',');
            }
            first = false;
            String childPointer = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
            writeString(field.getKey(), out, childPointer);
            out.append(':');
            write(field.getValue(), out, childPointer);
        }
        out.append('}');
    }

    private void writeString(String s, StringBuilder out, String pointer) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new CanonicalizationException(pointer, String.format(
                                "lone surrogate \\u%04x at character %d is not valid Unicode", (int) c, i));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void writeNumber(JsonNode node, StringBuilder out, String pointer) {
        if (strict) {
            if (!node.isIntegralNumber()) {
                throw new CanonicalizationException(pointer, "floating-point number " + node.asText()
                        + " is not allowed in a signed document; use a decimal string");
            }
            BigInteger v = node.bigIntegerValue();
            if (v.abs().compareTo(BigInteger.valueOf(MAX_SAFE_INTEGER)) > 0) {
                throw new CanonicalizationException(pointer, "integer " + v + " is outside the exact range +/-(2^53-1)");
            }
            out.append(v);
            return;
        }
        double d = node.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new CanonicalizationException(pointer, "number " + node.asText() + " has no JSON form");
        }
        try {
            out.append(NumberToJSON.serializeNumber(d));
        } catch (IOException e) {
            throw new CanonicalizationException(pointer, e.getMessage());
        }
    }
}
