package io.perpspot.engine.core;

/** Why a frame or an entry was rejected. Counted per source; the first of each is logged. */
public enum Reject {
    NOT_JSON("not JSON"),
    MALFORMED_JSON("malformed JSON"),
    TRUNCATED("truncated frame"),
    OVERSIZE("frame over the size limit"),
    UNKNOWN_CHANNEL("unknown channel"),
    MISSING_FIELD("missing field"),
    WRONG_TYPE("field of the wrong type"),
    UNKNOWN_COIN("coin not in the token set"),
    UNKNOWN_MINT("mint not in the token set"),
    BAD_NUMBER("not a number"),
    BAD_PRICE("price not positive"),
    BAD_SIZE("size not positive"),
    TOO_MANY_LEVELS("more book levels than the protocol allows"),
    UNSORTED_BOOK("book levels out of order"),
    CROSSED_BOOK("crossed book"),
    SERVER_ERROR("error message from the server"),
    HTTP_STATUS("unexpected HTTP status"),
    NOT_IN_META("coin not listed in Hyperliquid meta (never subscribed)"),
    DUPLICATE_TIME("timestamp repeats the previous one"),
    OUT_OF_ORDER_TIME("timestamp older than the previous one"),
    UNKNOWN_PAIR("pair or id not in the fallback table"),
    OUT_OF_ORDER("older than data already accepted"),
    MISMATCH("answer does not match the request");

    private final String text;

    Reject(String text) {
        this.text = text;
    }

    /** The reason in words, for logs and reports. */
    public String text() {
        return text;
    }
}
