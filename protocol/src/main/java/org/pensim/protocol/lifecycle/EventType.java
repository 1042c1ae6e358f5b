package org.pensim.protocol.lifecycle;

/** The kinds of signed lifecycle message. */
public enum EventType {
    /** The registry handed the notification to the importing authority. */
    DELIVER,
    /** The importing authority's reply: no objection, objection or a request for information. */
    REPLY,
    /** The exporting authority's answer to a request for information. */
    ANSWER,
    /** The registry records that the reply deadline passed without a reply. */
    DEADLINE_PASSED,
    /** The exporting authority records that the goods left. */
    SHIP,
    /** The importing authority confirms arrival. */
    RECEIVE,
    /** The exporting authority cancels the notification. */
    WITHDRAW,
    /** Either authority halts the shipment. */
    STOP
}
