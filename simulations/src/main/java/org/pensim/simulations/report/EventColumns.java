package org.pensim.simulations.report;

import java.util.List;
import org.pensim.simulations.measure.Case;

/** One row of events.csv: the kind of event, its decision, who acted, the transition and any detail. */
final class EventColumns {

    static final List<String> HEADER = List.of("notificationId", "at", "event", "decision", "by", "fromState", "toState",
            "detail");

    private EventColumns() {
    }

    static List<String> of(String id, String at, Case.Event e) {
        // Labels read EVENT[(DECISION)][ by WHO][ (DETAIL)], e.g. "REPLY(OBJECTION) by officer",
        // "STOP by exporting authority (objection by NG)", "SHIP (undeclared)", "DELIVER".
        String label = String.valueOf(e.label());
        int i = 0;
        while (i < label.length() && (Character.isUpperCase(label.charAt(i)) || label.charAt(i) == '_')) {
            i++;
        }
        String event = i == 0 ? label : label.substring(0, i);
        String rest = i == 0 ? "" : label.substring(i);
        String decision = "";
        if (rest.startsWith("(") && rest.indexOf(')') > 0 && rest.substring(1, rest.indexOf(')')).matches("[A-Z_]+")) {
            decision = rest.substring(1, rest.indexOf(')'));
            rest = rest.substring(rest.indexOf(')') + 1);
        }
        rest = rest.trim();
        String by = "";
        if (rest.startsWith("by ")) {
            int open = rest.indexOf(" (");
            by = open < 0 ? rest.substring(3) : rest.substring(3, open);
            rest = open < 0 ? "" : rest.substring(open + 1);
        }
        String detail = rest.startsWith("(") && rest.endsWith(")") ? rest.substring(1, rest.length() - 1) : rest;
        return List.of(id, at, event, decision, by, e.from() == null ? "" : e.from().name(),
                e.to() == null ? "" : e.to().name(), detail);
    }
}
