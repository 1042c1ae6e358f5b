package org.pensim.simulations.exercise;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.exercise.ExercisePlan.InjectSpec;
import org.pensim.simulations.exercise.ExerciseRecording.Event;

/**
 * The master scenario events list: the plan's injects as the trainer has changed them during play (added,
 * moved, cancelled). Folded from the plan and the recording alone, so the live console, the scoreboard and a
 * replay all see the same list.
 */
public final class EventsList {

    private final Map<String, InjectSpec> injects = new LinkedHashMap<>();
    private final Set<String> cancelled = new LinkedHashSet<>();
    private final Set<String> added = new LinkedHashSet<>();

    private EventsList(ExercisePlan plan) {
        plan.injects().forEach(j -> injects.put(j.id(), j));
    }

    public static EventsList of(ExercisePlan plan, List<Event> events) {
        EventsList list = new EventsList(plan);
        events.forEach(list::apply);
        return list;
    }

    /** Takes one recorded event into account; events that do not change the list are ignored. */
    public void apply(Event e) {
        switch (e.kind()) {
            case INJECT_ADDED -> {
                InjectSpec spec = ProtocolJson.mapper().convertValue(e.data().get("spec"), InjectSpec.class);
                injects.put(spec.id(), spec);
                added.add(spec.id());
            }
            case INJECT_MOVED -> {
                InjectSpec j = injects.get(e.text("inject"));
                if (j != null) {
                    injects.put(j.id(), new InjectSpec(j.id(), j.kind(), e.data().path("atDay").asDouble(), j.from(), j.to(),
                            j.substance(), j.quantityKg(), j.importer(), j.transit(), j.expected(), j.entity(), j.description()));
                }
            }
            case INJECT_CANCELLED -> cancelled.add(e.text("inject"));
            default -> {
                // not a change to the list
            }
        }
    }

    public InjectSpec find(String id) {
        return injects.get(id);
    }

    /** Every inject, cancelled ones included, in the order they were planned or added. */
    public List<InjectSpec> all() {
        return new ArrayList<>(injects.values());
    }

    public boolean cancelled(String id) {
        return cancelled.contains(id);
    }

    public boolean addedDuringPlay(String id) {
        return added.contains(id);
    }

    static ObjectNode addedEvent(InjectSpec spec, String by) {
        ObjectNode o = ProtocolJson.mapper().createObjectNode().put("inject", spec.id()).put("by", by);
        o.set("spec", ProtocolJson.mapper().valueToTree(spec));
        return o;
    }

    static ObjectNode movedEvent(String id, double atDay, String by) {
        return ProtocolJson.mapper().createObjectNode().put("inject", id).put("atDay", atDay).put("by", by);
    }

    static ObjectNode cancelledEvent(String id, String by) {
        return ProtocolJson.mapper().createObjectNode().put("inject", id).put("by", by);
    }

    /** What is wrong with adding {@code spec} during play, checked as the plan's injects are; empty when it may be added. */
    List<String> problemsOfAdding(ExercisePlan plan, InjectSpec spec) {
        if (spec.id() != null && find(spec.id()) != null) {
            return List.of("inject id '" + spec.id() + "' is already on the events list");
        }
        List<InjectSpec> with = new ArrayList<>(all());
        with.add(spec);
        String at = "injects[" + (with.size() - 1) + "]";
        return ExercisePlanLoader.check(plan.withInjects(with)).stream().filter(p -> p.startsWith(at))
                .map(p -> "inject" + p.substring(at.length())).toList();
    }
}
