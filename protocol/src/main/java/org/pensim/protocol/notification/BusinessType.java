package org.pensim.protocol.notification;

/** What kind of business an operator declares itself to be; intermediaries are a red flag as consignees. */
public enum BusinessType {
    MANUFACTURER, PHARMACEUTICAL_MANUFACTURER, DISTRIBUTOR, TRADING_COMPANY, FREIGHT_FORWARDER,
    LABORATORY, END_USER;

    /** Trading companies and forwarders do not use chemicals themselves. */
    public boolean isIntermediary() {
        return this == TRADING_COMPANY || this == FREIGHT_FORWARDER || this == DISTRIBUTOR;
    }
}
