package io.perpspot.engine.feed.sim;

/**
 * One perp's asset context at an instant, as numbers; {@link HlFrames} turns it into the
 * all-strings wire object. Prices in micros per contract; {@code -1} (or NaN) stands for null.
 *
 * @param midSumMicros best bid + best ask (the mid is half of it), -1 when the book is empty
 */
record SimCtx(String coin, boolean delisted, int szDecimals, double funding, double openInterest,
              long prevDayPxMicros, double dayNtlVlm, double premium, long oracleMicros, long markMicros,
              long midSumMicros, long impactBidMicros, long impactAskMicros, double dayBaseVlm) {
}
