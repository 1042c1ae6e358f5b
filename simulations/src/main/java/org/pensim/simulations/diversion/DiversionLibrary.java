package org.pensim.simulations.diversion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The methods scenarios can name. A new method is a new class listed here; the engine does not change. */
public final class DiversionLibrary {

    private static final DiversionLibrary STANDARD = new DiversionLibrary(List.of(new FrontCompany(), new CompanyShopping(),
            new Splitting(), new TransitDiversion(), new Misdeclaration(), new Substitute(), new PharmaceuticalPreparation(),
            new PostCourier(), new SeldomReplyingTarget(), new ForgedOrStolenKey()));

    private final Map<String, DiversionMethod> methods = new LinkedHashMap<>();

    public DiversionLibrary(List<DiversionMethod> methods) {
        methods.forEach(m -> this.methods.put(m.id(), m));
    }

    public static DiversionLibrary standard() {
        return STANDARD;
    }

    /** The method a scenario names ({@code front-company} or {@code FRONT_COMPANY}). */
    public DiversionMethod method(String name) {
        DiversionMethod m = methods.get(name == null ? "" : name.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (m == null) {
            throw new IllegalArgumentException("'" + name + "' is not in the diversion library " + ids());
        }
        return m;
    }

    public List<String> ids() {
        return List.copyOf(methods.keySet());
    }

    public List<DiversionMethod> all() {
        return List.copyOf(methods.values());
    }
}
