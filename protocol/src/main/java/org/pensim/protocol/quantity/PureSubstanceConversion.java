package org.pensim.protocol.quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import org.pensim.protocol.catalogue.Substance;

/**
 * Converts a shipped quantity into kilograms of pure substance (salts converted to base), the figure
 * ALRs and thresholds are expressed in. Results are rounded to the gram.
 */
public final class PureSubstanceConversion {

    public static final int SCALE = 3;

    private PureSubstanceConversion() {
    }

    /**
     * @param concentrationPercent mass fraction of the substance in what is shipped, 0 to 100
     * @param salt                 the salt's name when {@code form} is {@link SubstanceForm#SALT}
     * @param densityOverride      density of what is shipped, in kg/L, when it differs from the pure liquid's
     * @throws IllegalArgumentException with a readable reason when the conversion is impossible
     */
    public static BigDecimal toPureKilograms(Substance substance, Quantity quantity, SubstanceForm form,
            String salt, BigDecimal concentrationPercent, BigDecimal densityOverride) {
        BigDecimal kilograms;
        if (quantity.unit().isVolume()) {
            Optional<BigDecimal> density = Optional.ofNullable(densityOverride).or(substance::densityKgPerLitre);
            if (density.isEmpty()) {
                throw new IllegalArgumentException("no density is known for " + substance.name()
                        + "; state the quantity in kg or g, or give densityKgPerLitre");
            }
            kilograms = quantity.inBaseUnit().multiply(density.get());
        } else {
            kilograms = quantity.inBaseUnit();
        }
        BigDecimal pure = kilograms.multiply(concentrationPercent).movePointLeft(2); // exactly divide(100), far cheaper
        if (form == SubstanceForm.SALT) {
            String saltKey = salt == null ? "" : salt.trim().toLowerCase(Locale.ROOT);
            BigDecimal factor = substance.saltBaseFactors().get(saltKey);
            if (factor == null) {
                throw new IllegalArgumentException("no base factor is known for " + substance.name()
                        + (saltKey.isEmpty() ? " salt without a salt name" : " " + saltKey)
                        + (substance.saltBaseFactors().isEmpty() ? "" :
                           " (known salts: " + String.join(", ", substance.saltBaseFactors().keySet().stream().sorted().toList()) + ")"));
            }
            pure = pure.multiply(factor);
        }
        return pure.setScale(SCALE, RoundingMode.HALF_UP);
    }
}
