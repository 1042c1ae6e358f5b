package org.pensim.protocol.desk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The standard reasons officers pick from (objections, requests for information, withdrawals), shipped in
 * {@code desk/standard-reasons.yaml} with their source; free text is always allowed beside them.
 */
public final class StandardReasons {

    private static final Map<String, List<String>> STANDARD = load();

    private StandardReasons() {
    }

    /** By kind: OBJECTION, INFO_REQUESTED, WITHDRAW. */
    public static Map<String, List<String>> all() {
        return STANDARD;
    }

    private static Map<String, List<String>> load() {
        try (InputStream in = StandardReasons.class.getClassLoader().getResourceAsStream("desk/standard-reasons.yaml")) {
            if (in == null) {
                throw new IllegalStateException("desk/standard-reasons.yaml is missing from the class path");
            }
            return Map.copyOf(new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<Map<String, List<String>>>() {
            }));
        } catch (IOException e) {
            throw new IllegalStateException("desk/standard-reasons.yaml cannot be read: " + e.getMessage(), e);
        }
    }
}
