package io.perpspot.bench.harness;

import org.HdrHistogram.Histogram;

/**
 * The figures of one pipeline at one offered rate.
 *
 * @param offered          frames offered in total (warm-up included)
 * @param measuredOffered  frames due in the measured part
 * @param processed        market events the consumer finished (warm-up included)
 * @param measured         events recorded in the latency histogram (due in the measured part)
 * @param drained          whether every offered frame was processed, dropped or rejected in time
 * @param overloaded       the producer fell so far behind the schedule that the run was cut short
 * @param producerBytes    bytes the producer thread allocated during the measured part
 * @param consumerBytes    bytes the consumer thread allocated from the measured part to the drain
 */
public record RunResult(String pipeline, long rate, long offered, long measuredOffered, long processed, long measured,
        long dropped, long rejected, boolean drained, boolean overloaded, String failure, long measuredNanos,
        Histogram latency,
        Histogram opportunityLatency, long producerBytes, long consumerBytes, long gcCount, long gcMillis,
        double gcMaxPauseMs, long clamped, long journaled, long outputs) {

    /** Events processed per second in the measured part. */
    public double throughput() {
        return measured * 1e9 / measuredNanos;
    }

    /** Allocated bytes per measured event, producer and consumer threads together. */
    public double bytesPerEvent() {
        return measured == 0 ? Double.NaN : (double) (producerBytes + consumerBytes) / measured;
    }

    /** Latency at a percentile, in microseconds. */
    public double us(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The longest latency recorded, in microseconds. */
    public double maxUs() {
        return latency.getMaxValue() / 1000.0;
    }

    /** The run counts for the under-1-ms search: nothing lost or failed, and p99 below 1 ms. */
    public boolean clean() {
        return drained && !overloaded && failure == null && dropped == 0 && rejected == 0 && measured > 0;
    }
}
