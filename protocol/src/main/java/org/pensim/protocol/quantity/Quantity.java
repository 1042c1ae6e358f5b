package org.pensim.protocol.quantity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Objects;

/** An exact quantity with its unit; decimal string in JSON, never a float. */
public record Quantity(BigDecimal value, QuantityUnit unit) {

    public Quantity {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("quantity must not be negative: " + value.toPlainString());
        }
    }

    @JsonCreator
    public static Quantity of(@JsonProperty("value") String value, @JsonProperty("unit") String unit) {
        return new Quantity(new BigDecimal(value), QuantityUnit.ofSymbol(unit));
    }

    public static Quantity kg(String value) {
        return new Quantity(new BigDecimal(value), QuantityUnit.KG);
    }

    @JsonProperty("value")
    String valueText() {
        return value.toPlainString();
    }

    @JsonProperty("unit")
    String unitSymbol() {
        return unit.symbol();
    }

    /** Mass in kilograms, or volume in litres, depending on the unit. */
    public BigDecimal inBaseUnit() {
        return value.multiply(unit.toBaseFactor());
    }

    @Override
    public String toString() {
        return value.toPlainString() + " " + unit.symbol();
    }
}
