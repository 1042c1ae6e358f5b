package org.pensim.protocol.quantity;

import java.math.BigDecimal;

/** Units a notification may state a quantity in: mass units convert directly, volumes need a density. */
public enum QuantityUnit {
    KG("kg", BigDecimal.ONE, false),
    G("g", new BigDecimal("0.001"), false),
    L("L", BigDecimal.ONE, true),
    ML("mL", new BigDecimal("0.001"), true);

    private final String symbol;
    private final BigDecimal factor;
    private final boolean volume;

    QuantityUnit(String symbol, BigDecimal factor, boolean volume) {
        this.symbol = symbol;
        this.factor = factor;
        this.volume = volume;
    }

    /** The symbol used in documents: {@code kg}, {@code g}, {@code L}, {@code mL}. */
    public String symbol() {
        return symbol;
    }

    public boolean isVolume() {
        return volume;
    }

    /** Factor to kilograms (mass units) or to litres (volume units). */
    BigDecimal toBaseFactor() {
        return factor;
    }

    public static QuantityUnit ofSymbol(String symbol) {
        for (QuantityUnit u : values()) {
            if (u.symbol.equals(symbol)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown unit '" + symbol + "' (expected kg, g, L or mL)");
    }
}
