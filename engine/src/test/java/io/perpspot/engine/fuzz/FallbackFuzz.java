package io.perpspot.engine.fuzz;

import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.testkit.Fixtures;
import java.util.List;

/** Shared loop of the CoinGecko and Kraken targets: their documented failure is the poll failing. */
final class FallbackFuzz {
    /** The poll-failure exception the fallback decoders throw for a bad body (package-private there). */
    static final String POLL_FAILURE = "io.perpspot.engine.feed.fallback.PollingTier$PollFailure";

    interface Decode {
        int decode(byte[] body, int len, long recvNanos);
    }

    interface Verify {
        void verify(byte[] body, List<MarketEvent> published);
    }

    private FallbackFuzz() {
    }

    /** Decodes each body; a PollFailure must publish nothing; anything else thrown is a finding. */
    static void run(byte[] data, Fixtures.Collector out, Decode d, Verify v) {
        for (byte[] body : Oracle.frames(data, 4)) {
            int before = out.events.size();
            try {
                d.decode(body, body.length, 1L);
            } catch (RuntimeException e) {
                if (!e.getClass().getName().equals(POLL_FAILURE)) {
                    throw e;
                }
                if (out.events.size() != before) {
                    throw new AssertionError("a rejected body published " + (out.events.size() - before) + " events");
                }
                continue;
            }
            List<MarketEvent> published = out.events.subList(before, out.events.size());
            if (!published.isEmpty()) {
                v.verify(body, published);
            }
        }
    }
}
