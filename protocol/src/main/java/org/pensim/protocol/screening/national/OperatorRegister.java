package org.pensim.protocol.screening.national;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.notification.Party;

/** A country's register of licensed operators, searched by identifier first, then by normalised name. */
public final class OperatorRegister {

    private final Map<String, LicensedOperator> byIdentifier = new ConcurrentHashMap<>();
    private final Map<String, LicensedOperator> byName = new ConcurrentHashMap<>();

    public void license(LicensedOperator operator) {
        for (Identifier id : operator.identifiers()) {
            byIdentifier.put(EntityNames.identifierKey(id.scheme(), id.value()), operator);
        }
        byName.put(operator.country() + "|" + EntityNames.key(operator.name()), operator);
    }

    public Optional<LicensedOperator> find(Party party) {
        for (Identifier id : party.identifiers()) {
            LicensedOperator op = byIdentifier.get(EntityNames.identifierKey(id.scheme(), id.value()));
            if (op != null) {
                return Optional.of(op);
            }
        }
        return Optional.ofNullable(byName.get(party.address().country() + "|" + EntityNames.key(party.name())));
    }

    public int size() {
        return byName.size();
    }
}
