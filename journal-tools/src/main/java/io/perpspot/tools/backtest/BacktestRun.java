package io.perpspot.tools.backtest;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.JournalReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Drives a {@link Backtester} over a journal directory: as fast as possible or paced at N×
 * event time, with an optional progress bar. Each call opens its own reader, so sweeps run
 * combinations in parallel.
 */
public final class BacktestRun {
    private BacktestRun() {
    }

    /** Event-time bounds of a journal's input: receive times of its first and last record. */
    public record Range(long firstNanos, long lastNanos) {
    }

    /** The journal's time range, read from its first and last input records (no full pass). */
    public static Range range(JournalReader reader) {
        MarketEvent e = new MarketEvent();
        long first;
        long last;
        try (ExcerptTailer t = reader.inputTailer()) {
            first = read(t, e);
            t.direction(TailerDirection.BACKWARD).toEnd();
            last = read(t, e);
        }
        return new Range(first, last);
    }

    private static long read(ExcerptTailer t, MarketEvent e) {
        try (DocumentContext dc = t.readingDocument()) {
            if (!dc.isPresent()) {
                return Long.MIN_VALUE;
            }
            InputCodec.read(dc.wire().bytes(), dc.index(), e);
            return e.recvNanos;
        }
    }

    /**
     * Parses {@code --from}/{@code --to}: ISO-8601 instant ({@code 2025-01-15T12:00:00Z}), a UTC date
     * ({@code 2025-01-15}) or epoch milliseconds.
     *
     * @throws IllegalArgumentException naming the option
     */
    public static long parseTime(String option, String s) {
        String v = s.trim();
        try {
            if (v.matches("-?\\d+")) {
                return Math.multiplyExact(Long.parseLong(v), 1_000_000L);
            }
            Instant i = v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(v);
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(option + ": expected an ISO-8601 time (2025-01-15T12:00:00Z), a date "
                    + "(2025-01-15) or epoch milliseconds, got '" + s + "'");
        }
    }

    /**
     * Runs one backtest.
     *
     * @param speed    0 for as fast as possible, else N× event time
     * @param progress where a progress bar goes, or null
     */
    public static BacktestResult run(Path dir, BacktestSpec spec, double speed, PrintWriter progress) {
        try (JournalReader reader = JournalReader.open(dir)) {
            Range r = progress != null || speed > 0 ? range(reader) : null;
            Backtester bt = new Backtester(spec, reader::token);
            Progress bar = progress == null ? null : new Progress(progress, "backtest",
                    Math.max(r.firstNanos(), spec.fromNanos()), Math.min(r.lastNanos(), spec.toNanos()));
            long wallStart = System.nanoTime();
            long[] eventStart = {Long.MIN_VALUE};
            reader.forEachInput(e -> {
                if (speed > 0 && e.type != EventType.LATENCY_SNAPSHOT) {
                    pace(e.recvNanos, speed, wallStart, eventStart);
                }
                boolean more = bt.onEvent(e);
                if (bar != null) {
                    bar.at(e.recvNanos, bt.events());
                }
                return more;
            });
            BacktestResult result = bt.finish();
            if (bar != null) {
                bar.done(bt.events(), System.nanoTime() - wallStart);
            }
            return result;
        }
    }

    /** Sleeps until event time {@code t} is due at {@code speed}× real time. */
    private static void pace(long t, double speed, long wallStart, long[] eventStart) {
        if (eventStart[0] == Long.MIN_VALUE) {
            eventStart[0] = t;
            return;
        }
        long due = wallStart + (long) ((t - eventStart[0]) / speed);
        long wait = due - System.nanoTime();
        if (wait > 1_000_000) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A one-line progress bar on stderr, by event time: redrawn in place on a terminal (at most
     * five times a second), otherwise a line at each quarter. Backtests and {@code journal export} draw it.
     */
    public static final class Progress {
        private static final int WIDTH = 30;
        private final PrintWriter out;
        private final String label;
        private final long from;
        private final long to;
        private final boolean terminal = System.console() != null;
        private long nextDraw;
        private int quarter;

        /** A bar named {@code label} over event times {@code from} to {@code to} (epoch nanos). */
        public Progress(PrintWriter out, String label, long from, long to) {
            this.out = out;
            this.label = label;
            this.from = from;
            this.to = to;
        }

        /** Draws the bar at event time {@code t} every 16,384 events. */
        public void at(long t, long events) {
            if ((events & 0x3FFF) != 0) {
                return;
            }
            double f = to > from ? Math.min(1, Math.max(0, (double) (t - from) / (to - from))) : 1;
            if (terminal) {
                long now = System.nanoTime();
                if (now - nextDraw >= 0) {
                    nextDraw = now + 200_000_000L;
                    out.print("\r" + line(f, events));
                    out.flush();
                }
            } else if ((int) (f * 4) > quarter && f < 1) {
                quarter = (int) (f * 4);
                out.println(line(f, events));
                out.flush();
            }
        }

        /** Draws the full bar with the wall time taken. */
        public void done(long events, long wallNanos) {
            String l = line(1, events) + String.format(Locale.ROOT, " in %.2f s", wallNanos / 1e9);
            out.print(terminal ? "\r" + l + "\n" : l + "\n");
            out.flush();
        }

        private String line(double f, long events) {
            int fill = (int) Math.round(f * WIDTH);
            return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %,d events", label, "#".repeat(fill),
                    ".".repeat(WIDTH - fill),
                    f * 100, events);
        }
    }
}
