package org.pensim.simulations.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each key and list item of a YAML file starts, by the path the checks name it with
 * ({@code injects[2].atDay}): a check of a value that parsed finds its line here, since the parsed records keep none.
 */
public final class YamlLines {

    private static final YAMLFactory FACTORY = new YAMLFactory();
    /** A check's problem begins with the path it is about: "world.overrides.IR: ...", "injects[0].to: ...". */
    private static final Pattern LEADING_PATH = Pattern.compile("^([A-Za-z0-9_\\-]+(?:\\.[A-Za-z0-9_\\-]+|\\[\\d+])*):");

    private final Map<String, Integer> lines;

    private YamlLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** The file's paths and lines; none when it cannot be read again (the caller has parsed it already). */
    public static YamlLines of(Path file) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                JsonStreamContext at = p.getParsingContext();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    at = at.getParent(); // the new container's own context names nothing yet
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY || (t != JsonToken.FIELD_NAME && at.inObject())) {
                    continue; // an object's value is found at its key
                }
                String path = path(at);
                if (!path.isEmpty()) {
                    lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            return new YamlLines(Map.of());
        }
        return new YamlLines(lines);
    }

    /** The line of a path, or of the nearest section around it that the file gives (a default's place). */
    public OptionalInt line(String path) {
        for (String p = path; !p.isEmpty(); p = parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return OptionalInt.of(line);
            }
        }
        return OptionalInt.empty();
    }

    /** Each problem with the line of the path it begins with, when the file has it: "line 12, injects[0].to: ...". */
    public List<String> located(List<String> problems) {
        return problems.stream().map(problem -> {
            Matcher m = LEADING_PATH.matcher(problem);
            OptionalInt line = m.find() ? line(m.group(1)) : OptionalInt.empty();
            return line.isPresent() ? "line " + line.getAsInt() + ", " + problem : problem;
        }).toList();
    }

    private static String parent(String path) {
        return path.substring(0, Math.max(0, Math.max(path.lastIndexOf('.'), path.lastIndexOf('['))));
    }

    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.push((c.getParent() == null || c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
            }
        }
        return String.join("", parts);
    }
}
