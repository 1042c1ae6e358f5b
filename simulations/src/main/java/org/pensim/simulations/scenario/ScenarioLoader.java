package org.pensim.simulations.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryCode;
import org.pensim.simulations.diversion.DiversionLibrary;

/** Reads a scenario file; every mistake names the file, the line and the field. */
public final class ScenarioLoader {

    /** A mistake in a scenario file. */
    public static final class ScenarioException extends RuntimeException {
        public ScenarioException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ScenarioLoader() {
    }

    /** The scenario file as a tree, for sweeps that change fields before reading it. */
    public static com.fasterxml.jackson.databind.node.ObjectNode tree(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(file + " does not exist");
        }
        try {
            com.fasterxml.jackson.databind.JsonNode tree = YAML.readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                throw new ScenarioException(file + ": " + (tree == null || tree.isMissingNode() || tree.isNull() ? "the file is empty"
                        : "not a YAML mapping of fields") + ": the file gives its fields, one per line (name: ..., "
                        + "start: ..., durationDays: ...)");
            }
            return (com.fasterxml.jackson.databind.node.ObjectNode) tree;
        } catch (JsonProcessingException e) {
            throw new ScenarioException(file + ": " + syntax(e));
        } catch (IOException e) {
            throw new ScenarioException(file + ": " + e.getMessage());
        }
    }

    /** Reads a scenario from a tree (a swept copy of a file); {@code source} names it in messages. */
    public static Scenario fromTree(com.fasterxml.jackson.databind.JsonNode tree, String source) {
        String renamed = renamedField(tree);
        if (renamed != null) {
            throw new ScenarioException(source + ": " + renamed);
        }
        Scenario s;
        try {
            s = YAML.treeToValue(tree, Scenario.class);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new ScenarioException(source + ": field " + path(e) + ": unknown field '" + e.getPropertyName()
                    + "' (known: " + e.getKnownPropertyIds() + ")");
        } catch (JsonMappingException e) {
            throw new ScenarioException(source + ": field " + path(e) + ": " + plain(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ScenarioException(source + ": " + e.getOriginalMessage());
        }
        List<String> problems = check(s);
        if (!problems.isEmpty()) {
            throw new ScenarioException(source + ": " + String.join("; ", problems));
        }
        return s;
    }

    public static Scenario load(Path file) {
        com.fasterxml.jackson.databind.node.ObjectNode tree = tree(file);
        String renamed = renamedField(tree);
        if (renamed != null) {
            throw new ScenarioException(file + ": line " + lineOf(file, "licitTrade." + RENAMED_ORDERS, -1) + ", " + renamed);
        }
        UnknownFields.Unknown unknown = UnknownFields.find(tree, Scenario.class, "");
        if (unknown != null) {
            throw new ScenarioException(file + ": line " + lineOf(file, unknown.path(), -1) + ", field " + unknown.path()
                    + ": unknown field '" + unknown.name() + "'" + (unknown.closest() == null ? ""
                    : " (did you mean '" + unknown.closest() + "'?)") + "; known here: " + unknown.known());
        }
        Scenario s = read(file, Scenario.class);
        List<String> problems = check(s);
        if (!problems.isEmpty()) {
            throw new ScenarioException(file + ": " + String.join("; ", YamlLines.of(file).located(problems)));
        }
        return s;
    }

    private static final String RENAMED_ORDERS = "notificationsPerYear";

    /**
     * The field a scenario of an earlier version uses under its old name, said with what to do; null when none. The
     * old name made researchers calibrate the wrong figure: it always counted orders, of which only some are notified.
     */
    static String renamedField(com.fasterxml.jackson.databind.JsonNode tree) {
        if (tree.path("licitTrade").has(RENAMED_ORDERS)) {
            return "field licitTrade.notificationsPerYear: renamed licitTrade.ordersPerYear, which is what it always "
                    + "counted: licit export orders, of which only those that need a notification are notified (Table I, "
                    + "Table II for a country that asks, the voluntary channel; about two thirds in the baseline). Rename "
                    + "it and keep its value for the same run";
        }
        return null;
    }

    /** The YAML reader of scenarios and plans (Java time, records), for a resource that is not a file. */
    public static ObjectMapper yaml() {
        return YAML.copy();
    }

    /** Reads a YAML file into {@code type}; a mistake names the file, the line and the field. */
    public static <T> T read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(file + " does not exist");
        }
        tree(file); // an empty file, a list or a syntax error said as such, before Jackson says it of the type
        try {
            return YAML.readValue(file.toFile(), type);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            // Records are read through their constructor, so the parser has moved on: find the key's own line.
            throw new ScenarioException(file + ": line " + lineOf(file, path(e),
                    e.getLocation() == null ? -1 : e.getLocation().getLineNr()) + ", field " + path(e)
                    + ": unknown field '" + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds() + ")");
        } catch (JsonMappingException e) {
            String field = path(e);
            String line = lineOf(file, field, e.getLocation() == null ? -1 : e.getLocation().getLineNr());
            throw new ScenarioException(file + ": line " + line + ", field " + field + ": " + plain(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ScenarioException(file + ": " + syntax(e));
        } catch (IOException e) {
            throw new ScenarioException(file + ": " + e.getMessage());
        }
    }

    static List<String> check(Scenario s) {
        List<String> p = new ArrayList<>();
        if (s.durationDays() < 1 || s.durationDays() > 3660) {
            p.add("durationDays: must be 1 to 3660");
        }
        if (s.replications() < 1 || s.replications() > 1000) {
            p.add("replications: must be 1 to 1000");
        }
        if (s.flagThreshold() <= 0) {
            p.add("flagThreshold: must be above 0 (a risk score), not " + s.flagThreshold());
        }
        if (s.world() == null || s.world().defaults() == null) {
            p.add("world.defaults: required");
            return p;
        }
        if (s.world().countries() < 2 || s.world().countries() > CountryCode.all().size()) {
            p.add("world.countries: must be 2 to " + CountryCode.all().size());
        }
        for (String c : s.world().include() == null ? List.<String>of() : s.world().include()) {
            if (!CountryCode.isValid(c)) {
                p.add("world.include: " + c + " is not an ISO 3166-1 alpha-2 country code");
            }
        }
        if (s.world().overrides() != null) {
            s.world().overrides().keySet().stream().filter(c -> !CountryCode.isValid(c))
                    .forEach(c -> p.add("world.overrides." + c + ": not an ISO 3166-1 alpha-2 country code"));
        }
        SubstanceCatalogue catalogue = SubstanceCatalogue.standard();
        if (s.licitTrade() != null) {
            s.licitTrade().substances().keySet().stream().filter(id -> catalogue.byId(id).isEmpty())
                    .forEach(id -> p.add("licitTrade.substances." + id + ": unknown substance; closest: "
                            + catalogue.closest(id, 2).stream().map(x -> x.id()).toList()));
            if (s.licitTrade().seasonality() != null && s.licitTrade().seasonality().size() != 12) {
                p.add("licitTrade.seasonality: give 12 monthly factors");
            }
            s.licitTrade().exporters().countries().stream().filter(c -> !CountryCode.isValid(c))
                    .forEach(c -> p.add("licitTrade.exporters: " + c + " is not an ISO 3166-1 alpha-2 country code"));
            if (s.licitTrade().importers() != null) {
                s.licitTrade().importers().countries().stream().filter(c -> !CountryCode.isValid(c))
                        .forEach(c -> p.add("licitTrade.importers: " + c + " is not an ISO 3166-1 alpha-2 country code"));
            }
        }
        behaviour(p, "world.defaults", s.world().defaults());
        if (s.world().overrides() != null) {
            s.world().overrides().forEach((c, b) -> {
                behaviour(p, "world.overrides." + c, b);
                Scenario.Behaviour merged = b.over(s.world().defaults());
                if (merged.clearBelow() != null && merged.objectAbove() != null && merged.clearBelow() > merged.objectAbove()
                        && (b.clearBelow() != null || b.objectAbove() != null)) {
                    p.add("world.overrides." + c + ": clearBelow " + merged.clearBelow() + " is above objectAbove "
                            + merged.objectAbove());
                }
            });
        }
        if (s.world().neverReplyShare() != null && (s.world().neverReplyShare() < 0 || s.world().neverReplyShare() > 1)) {
            p.add("world.neverReplyShare: must be 0 to 1");
        }
        try {
            s.parameters().screeningPolicy();
        } catch (ScenarioException e) {
            p.add(e.getMessage());
        } catch (IllegalArgumentException e) {
            p.add("model: " + e.getMessage());
        }
        int i = 0;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Scenario.CampaignSpec c : s.campaigns() == null ? List.<Scenario.CampaignSpec>of() : s.campaigns()) {
            String at = "campaigns[" + i++ + "]";
            if (c.name() == null || !names.add(c.name())) {
                p.add(at + ".name: " + (c.name() == null ? "required" : "'" + c.name() + "' names another campaign too; "
                        + "each needs its own (its random stream and its results go by name)"));
            }
            for (String e : c.exporters() == null ? List.<String>of() : c.exporters()) {
                if (!CountryCode.isValid(e)) {
                    p.add(at + ".exporters: " + e + " is not an ISO 3166-1 alpha-2 country code");
                }
            }
            if (c.intervalDays() < 0) {
                p.add(at + ".intervalDays: must not be negative");
            }
            try {
                DiversionLibrary.standard().method(c.method());
            } catch (IllegalArgumentException e) {
                p.add(at + ".method: " + e.getMessage());
            }
            if (c.switchSubstance() != null && catalogue.byId(c.switchSubstance()).isEmpty()) {
                p.add(at + ".switchSubstance: unknown substance '" + c.switchSubstance() + "'");
            }
            if (c.quantityKg() <= 0) {
                p.add(at + ".quantityKg: must be more than 0");
            }
            if (c.substance() != null && catalogue.byId(c.substance()).isEmpty()) {
                p.add(at + ".substance: unknown substance '" + c.substance() + "'");
            }
            if (c.attempts() < 1) {
                p.add(at + ".attempts: must be at least 1");
            }
            for (String t : c.targets() == null ? List.<String>of() : c.targets()) {
                if (!CountryCode.isValid(t)) {
                    p.add(at + ".targets: " + t + " is not an ISO 3166-1 alpha-2 country code");
                }
            }
        }
        return p;
    }

    /** What a sweep or a hand could set out of range: a probability above 1, an inbox never read. */
    private static void behaviour(List<String> p, String at, Scenario.Behaviour b) {
        if (b == null) {
            return;
        }
        if (b.replyProbability() != null && (b.replyProbability() < 0 || b.replyProbability() > 1)) {
            p.add(at + ".replyProbability: must be 0 to 1");
        }
        if (b.inboxCheckHours() != null && b.inboxCheckHours() < 0.1) {
            p.add(at + ".inboxCheckHours: must be at least 0.1");
        }
        if (b.officerCapacityPerDay() != null && b.officerCapacityPerDay() < 1) {
            p.add(at + ".officerCapacityPerDay: must be at least 1");
        }
        if (b.clearBelow() != null && b.objectAbove() != null && b.clearBelow() > b.objectAbove()) {
            p.add(at + ".clearBelow: " + b.clearBelow() + " is above objectAbove " + b.objectAbove()
                    + " (cleared automatically below one, objected to automatically from the other)");
        }
        if (b.flagThreshold() != null && b.flagThreshold() <= 0) {
            p.add(at + ".flagThreshold: must be above 0");
        }
        if (b.reviewDelayHours() != null && b.reviewDelayHours() < 0 || b.reviewDelaySigma() != null && b.reviewDelaySigma() < 0) {
            p.add(at + ".reviewDelayHours and reviewDelaySigma: must not be negative");
        }
    }

    /**
     * A YAML syntax error in one line with the line it is on: the YAML parser's own text spans several lines, quotes
     * the file and names its tokens ("expected <block end>, but found '<block mapping start>'").
     */
    static String syntax(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblemMark() != null) {
                String problem = y.getProblem() == null ? "" : y.getProblem();
                String said = problem.contains("<block end>") || problem.contains("block mapping")
                        ? "the indentation does not match the lines above it (YAML: " + problem + ")"
                        : problem.contains("mapping values are not allowed")
                        ? "a value holds a ': ' and needs quotes, or the indentation is off (YAML: " + problem + ")"
                        : "YAML: " + problem;
                return "line " + (y.getProblemMark().getLine() + 1) + ", column " + (y.getProblemMark().getColumn() + 1) + ": "
                        + said.replaceAll("\\s+", " ");
            }
        }
        return "line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": "
                + e.getOriginalMessage().replaceAll("\\s+", " ");
    }

    /** Jackson's words for a reader of YAML: no class names, no token names, no configuration hints. */
    static String plain(String message) {
        if (message.startsWith("Cannot map `null` into type")) {
            return "required: give a value";
        }
        java.util.regex.Matcher notNumber = NOT_A_NUMBER.matcher(message);
        if (notNumber.find()) {
            boolean whole = notNumber.group(1).matches("(?i)int|integer|long|short");
            return notNumber.group(2) + " is not " + (whole ? "a whole number" : "a number");
        }
        java.util.regex.Matcher notTime = NOT_A_TIME.matcher(message);
        if (notTime.find()) {
            String kind = switch (notTime.group(1)) {
                case "LocalDate" -> "a date (YYYY-MM-DD)";
                case "Instant" -> "an instant (YYYY-MM-DDThh:mm:ssZ)";
                case "Duration" -> "a duration (PT2H, P3D)";
                default -> "a " + notTime.group(1);
            };
            return notTime.group(2) + " is not " + kind + (notTime.group(3) == null || notTime.group(3).isBlank() ? "" : ": " + notTime.group(3).trim());
        }
        java.util.regex.Matcher notList = NOT_A_LIST.matcher(message);
        if (notList.find()) {
            return "'" + notList.group(1) + "' is one value where a list is wanted: write [" + notList.group(1) + "]";
        }
        String m = message.replaceAll(" \\(set DeserializationConfig[^)]*\\)", "")
                .replaceAll("`org\\.pensim[\\w.]*\\$(\\w+)`", "a $1 section")
                .replaceAll("`java\\.(?:lang|util)\\.(\\w+)(?:<[^`]*>)?`", "$1")
                .replaceAll(" \\(token `JsonToken\\.\\w+`\\)", "")
                .replaceAll(" \\(class [^)]*\\)", "")
                .replace("from Array value", "from a list").replace("from Object value", "from a section");
        return m.replaceAll("\\s+", " ").trim();
    }

    private static final java.util.regex.Pattern NOT_A_NUMBER = java.util.regex.Pattern.compile(
            "^Cannot deserialize value of type `?(?:java\\.lang\\.)?(\\w+)`? from String (\"[^\"]*\"): not a valid");
    private static final java.util.regex.Pattern NOT_A_TIME = java.util.regex.Pattern.compile(
            "^Cannot deserialize value of type `java\\.time\\.(\\w+)` from String (\"[^\"]*\")(?:.*could not be parsed(?: at index \\d+)?:? ?(.*))?",
            java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern NOT_A_LIST = java.util.regex.Pattern.compile(
            "^Cannot construct instance of `java\\.util\\.\\w*List`.*from String value \\('([^']*)'\\)",
            java.util.regex.Pattern.DOTALL);

    /** The line of a field by its path ("a.b[0].c"), else the parser's position, else "?". */
    private static String lineOf(Path file, String path, int fallback) {
        java.util.OptionalInt line = YamlLines.of(file).line(path);
        return line.isPresent() ? String.valueOf(line.getAsInt()) : fallback < 0 ? "?" : String.valueOf(fallback);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(document)" : sb.toString();
    }
}
