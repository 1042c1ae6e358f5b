package org.pensim.simulations.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Finds the first field of a YAML tree that its record does not have, walking records, lists and maps of
 * records. Jackson reports a misspelt top-level field only after it has missed the right one ("cannot map
 * null into double" for {@code flagTreshold}); this names the misspelling and the closest known field.
 */
final class UnknownFields {

    /** A field the record does not know: where, what, and the record's fields. */
    record Unknown(String path, String name, List<String> known, String closest) {
    }

    private UnknownFields() {
    }

    static Unknown find(JsonNode node, Class<?> type, String path) {
        if (node == null || !node.isObject() || !type.isRecord()) {
            return null;
        }
        List<String> known = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            known.add(c.getName());
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            var e = it.next();
            String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            RecordComponent component = null;
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getName().equals(e.getKey())) {
                    component = c;
                }
            }
            if (component == null) {
                LevenshteinDistance d = LevenshteinDistance.getDefaultInstance();
                String closest = known.stream().min(Comparator.comparingInt(k -> d.apply(k, e.getKey()))).orElse(null);
                return new Unknown(at, e.getKey(), known, closest);
            }
            Unknown inner = inside(e.getValue(), component.getGenericType(), at);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static Unknown inside(JsonNode value, Type type, String at) {
        if (type instanceof Class<?> c && c.isRecord() && c != Weights.class) {
            return find(value, c, at);
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    Unknown u = inside(value.get(i), args[0], at + "[" + i + "]");
                    if (u != null) {
                        return u;
                    }
                }
            } else if (Map.class.isAssignableFrom(raw) && value.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = value.fields();
                while (it.hasNext()) {
                    var e = it.next();
                    Unknown u = inside(e.getValue(), args[1], at + "." + e.getKey());
                    if (u != null) {
                        return u;
                    }
                }
            }
        }
        return null;
    }
}
