package org.pensim.simulations.trade;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.pensim.protocol.notification.TransportMode;

/**
 * Where the simulated world's documents place a country's operators and shipments: its capital and its principal
 * seaport ({@code world/places.csv}, with their sources), so that an officer or a reader of a run sees places, not
 * placeholders.
 */
public final class Places {

    private static final Places STANDARD = read();

    private final Map<String, String> cities;
    private final Map<String, String> seaports;

    private Places(Map<String, String> cities, Map<String, String> seaports) {
        this.cities = cities;
        this.seaports = seaports;
    }

    public static Places standard() {
        return STANDARD;
    }

    /** The city of a country's operators' addresses: its capital, or its English name where it has none. */
    public String city(String country) {
        String city = cities.get(country);
        return city != null ? city : new Locale("", country).getDisplayCountry(Locale.ENGLISH);
    }

    /**
     * Where goods leave or enter a country by a mode: its principal seaport by sea, its capital's airport by air, post
     * or courier, and customs at the capital otherwise (by land, or by sea to a country without a seaport here).
     */
    public String point(String country, TransportMode mode) {
        String seaport = seaports.get(country);
        return switch (mode) {
            case SEA, MULTIMODAL -> seaport != null ? seaport : city(country) + " inland customs";
            case AIR, POST, COURIER -> city(country) + " airport";
            case ROAD, RAIL -> city(country) + " inland customs";
        };
    }

    private static Places read() {
        Map<String, String> cities = new HashMap<>();
        Map<String, String> seaports = new HashMap<>();
        try (var in = Places.class.getResourceAsStream("/world/places.csv")) {
            if (in == null) {
                throw new IllegalStateException("missing world/places.csv");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 3) {
                    throw new IllegalStateException("world/places.csv: not country,city,seaport: " + line);
                }
                if (!f[1].isEmpty()) {
                    cities.put(f[0], f[1]);
                }
                if (!f[2].isEmpty()) {
                    seaports.put(f[0], f[2]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("world/places.csv: " + e.getMessage(), e);
        }
        return new Places(Map.copyOf(cities), Map.copyOf(seaports));
    }
}
