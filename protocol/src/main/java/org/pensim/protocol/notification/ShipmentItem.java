package org.pensim.protocol.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import org.pensim.protocol.quantity.Quantity;
import org.pensim.protocol.quantity.SubstanceForm;

/**
 * One substance in a shipment.
 *
 * @param netPureKg kilograms of pure substance, salts converted to base; checked against the quantity
 * @param densityKgPerLitre density of what is shipped, when it is given in litres and differs from the
 *                          pure liquid's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentItem(
        String substanceId,
        String cas,
        String description,
        SubstanceForm form,
        String salt,
        BigDecimal concentrationPercent,
        Quantity quantity,
        BigDecimal densityKgPerLitre,
        BigDecimal netPureKg,
        Packages packages,
        String hsCode) {
}
