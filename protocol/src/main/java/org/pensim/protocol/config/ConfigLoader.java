package org.pensim.protocol.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads one typed configuration object: the defaults shipped on the class path, overlaid by a YAML file,
 * overlaid by environment variables named {@code PREFIX_SECTION_FIELD} (camelCase written as
 * UPPER_SNAKE, for example {@code PENSIM_REGISTRY_CLUSTER_BACKUP_COUNT}). A mistake names the file, the
 * line and the field.
 */
public final class ConfigLoader {

    /** A configuration mistake, worded for the person who made it. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    /**
     * @param defaultsResource class-path YAML holding every setting's default
     * @param file             the user's YAML file, or null for defaults only
     * @param env              environment variables (normally {@code System.getenv()})
     * @param envPrefix        for example {@code PENSIM_REGISTRY_}
     */
    public static <T> T load(Class<T> type, String defaultsResource, Path file, Map<String, String> env, String envPrefix) {
        ObjectNode tree;
        try (InputStream in = type.getClassLoader().getResourceAsStream(defaultsResource)) {
            if (in == null) {
                throw new IllegalStateException("missing defaults " + defaultsResource);
            }
            tree = (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("configuration file " + file + " does not exist");
            }
            try {
                JsonNode user = YAML.readTree(file.toFile());
                if (user != null && !user.isMissingNode() && !user.isNull()) {
                    if (!user.isObject()) {
                        throw new ConfigException(file + ": the configuration must be a YAML mapping");
                    }
                    merge(tree, (ObjectNode) user, "", file);
                }
            } catch (JsonProcessingException e) {
                throw new ConfigException(file + ": line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                        + ": " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new ConfigException(file + ": " + e.getMessage());
            }
        }
        applyEnvironment(tree, env, envPrefix);
        try {
            return YAML.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException((file == null ? "configuration" : file.toString()) + ": unknown setting '"
                    + path(e) + "'");
        } catch (JsonProcessingException e) {
            throw new ConfigException((file == null ? "configuration" : file.toString()) + ": " + path(e) + ": "
                    + e.getOriginalMessage());
        }
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            StringBuilder sb = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        return "";
    }

    /** Overlays the user's values; unknown keys are reported with their line. */
    private static void merge(ObjectNode base, ObjectNode user, String prefix, Path file) {
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode existing = base.get(e.getKey());
            if (existing == null) {
                throw new ConfigException(file + ": unknown setting '" + name + "' (known here: "
                        + String.join(", ", fieldNames(base)) + ")");
            }
            if (existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue(), name, file);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void applyEnvironment(ObjectNode tree, Map<String, String> env, String prefix) {
        Map<String, String> leaves = new TreeMap<>();
        collect(tree, "", leaves);
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            String dotted = leaves.get(e.getKey().substring(prefix.length()));
            if (dotted == null) {
                throw new ConfigException("environment variable " + e.getKey() + " names no setting (known: "
                        + String.join(", ", leaves.keySet().stream().map(k -> prefix + k).toList()) + ")");
            }
            ObjectNode parent = tree;
            String[] parts = dotted.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                parent = (ObjectNode) parent.get(parts[i]);
            }
            JsonNode current = parent.get(parts[parts.length - 1]);
            if (current != null && current.isArray()) {
                var array = parent.putArray(parts[parts.length - 1]);
                for (String v : e.getValue().split(",")) {
                    if (!v.isBlank()) {
                        array.add(v.trim());
                    }
                }
            } else {
                parent.set(parts[parts.length - 1], TextNode.valueOf(e.getValue()));
            }
        }
    }

    private static void collect(JsonNode node, String dotted, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                collect(e.getValue(), dotted.isEmpty() ? e.getKey() : dotted + "." + e.getKey(), out);
            }
        } else {
            out.put(envName(dotted), dotted);
        }
    }

    /** {@code cluster.backupCount} becomes {@code CLUSTER_BACKUP_COUNT}. */
    static String envName(String dotted) {
        return dotted.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
