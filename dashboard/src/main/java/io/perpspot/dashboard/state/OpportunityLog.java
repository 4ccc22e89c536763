package io.perpspot.dashboard.state;

import static io.perpspot.dashboard.state.JsonFigures.num;
import static io.perpspot.dashboard.state.JsonFigures.price;

import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.VenuePair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The opportunity log: the most recent opportunities ({@code dashboard.opportunities} at most; the
 * evicted ones are counted), the total, and the would-be opportunities the detector refused, by
 * reason (counted, not listed).
 */
final class OpportunityLog {
    private final int capacity;
    private final ArrayDeque<Opportunity> recent = new ArrayDeque<>();
    private final long[] refusals = new long[OutputRecord.GATE_REASONS];
    private long total;
    private long evicted;
    private long firstSeq = -1;

    OpportunityLog(int capacity) {
        this.capacity = capacity;
    }

    /** A would-be opportunity the detector refused (source gating). */
    void refused(int rejectReason) {
        if (rejectReason < refusals.length) {
            refusals[rejectReason]++;
        }
    }

    /**
     * Lists one opportunity (output record {@code index}) with its slippage, profit by size and liquidity; the
     * oldest past capacity goes.
     */
    Opportunity add(long index, OutputRecord r, String symbol, List<SizeSlippage> slippage, List<SizeEdge> edge,
                    Liquidity liquidity) {
        total++;
        if (firstSeq < 0) {
            firstSeq = index;
        }
        Opportunity o = new Opportunity(index, r.timeNanos / 1_000_000, symbol, VenuePair.name(r.pair),
                VenuePair.directionName(r.direction, r.pair), price(r.spotPx), price(r.perpPx), num(r.grossBps),
                num(r.netBps), num(r.feesBps), num(r.z), num(r.basisBps), slippage, edge, liquidity);
        recent.addLast(o);
        while (recent.size() > capacity) {
            recent.removeFirst();
            evicted++;
        }
        return o;
    }

    /**
     * Opportunities with {@code seq} after {@code sinceSeq}, newest last, at most {@code limit} (the newest),
     * optionally of one symbol.
     */
    List<Opportunity> since(long sinceSeq, String symbol, int limit) {
        ArrayDeque<Opportunity> picked = new ArrayDeque<>();
        Iterator<Opportunity> it = recent.descendingIterator();
        while (it.hasNext() && picked.size() < limit) {
            Opportunity o = it.next();
            if (o.seq() <= sinceSeq) {
                break;
            }
            if (symbol == null || symbol.equalsIgnoreCase(o.symbol())) {
                picked.addFirst(o);
            }
        }
        return new ArrayList<>(picked);
    }

    /** The opportunity with this sequence if still held, else null. */
    Opportunity get(long seq) {
        Iterator<Opportunity> it = recent.descendingIterator();
        while (it.hasNext()) {
            Opportunity o = it.next();
            if (o.seq() == seq) {
                return o;
            }
            if (o.seq() < seq) {
                return null;
            }
        }
        return null;
    }

    /** Sequence of the first opportunity ever listed (evicted or not), -1 if none. */
    long firstSeq() {
        return firstSeq;
    }

    /** Sequence of the oldest opportunity still held, -1 if none. */
    long oldestSeq() {
        return recent.isEmpty() ? -1 : recent.peekFirst().seq();
    }

    long evicted() {
        return evicted;
    }

    long total() {
        return total;
    }

    /** Refusals by reason name, every reason listed. */
    Map<String, Long> refusals() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 1; i < refusals.length; i++) {
            m.put(OutputRecord.rejectReasonName(i), refusals[i]);
        }
        return m;
    }
}
