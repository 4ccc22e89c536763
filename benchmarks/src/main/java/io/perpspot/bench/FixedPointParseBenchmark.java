package io.perpspot.bench;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.testkit.Fixtures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Price and size strings to numbers, beside their baselines; one op = one string, average time
 * per string in nanoseconds:
 *
 * <pre>
 *   fixedPoint       FixedPoint.parse(char[]) as the decoders call it on the parser's buffer ─▶ long
 *   fixedPointText   FixedPoint.parse(CharSequence) on the same Strings                     ─▶ long
 *   parseDouble      Double.parseDouble(String)                                             ─▶ double (inexact)
 *   bigDecimal       new BigDecimal(String).movePointRight(12).setScale(0) ─▶ long            (exact, allocates)
 * </pre>
 *
 * The strings are every quoted number of the recorded Hyperliquid frames that fits the price
 * scale (prices, sizes, funding, premium; BTC at 84143.0 down to kPEPE at 0.004411 and funding at
 * 0.0000018952) plus BONK's 0.0000216.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class FixedPointParseBenchmark {
    /** Strings per invocation (the sample is repeated to this length). */
    public static final int STRINGS = 256;

    String[] text;
    char[][] chars;

    @Setup(Level.Trial)
    public void setUp() {
        List<String> found = numbers();
        text = new String[STRINGS];
        chars = new char[STRINGS][];
        for (int i = 0; i < STRINGS; i++) {
            text[i] = found.get(i % found.size());
            chars[i] = text[i].toCharArray();
        }
    }

    /** Every quoted decimal of the recorded frames, in order, then BONK's price. */
    static List<String> numbers() {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"(-?[0-9]+\\.[0-9]+)\"").matcher(Fixtures.text(RecordedFrames.CAPTURED_FRAMES));
        while (m.find()) {
            // Only values the price scale holds (|v| < 9.2e6 at 12 decimals): a volume like
            // 4161029539.69 is a size-scale number and would overflow every parser here.
            if (new BigDecimal(m.group(1)).abs().compareTo(BigDecimal.valueOf(9_000_000)) < 0) {
                out.add(m.group(1));
            }
        }
        out.add("0.0000216");
        if (out.size() < 40) {
            throw new IllegalStateException("too few numbers in the recorded frames: " + out.size());
        }
        return out;
    }

    // What each body does to one string, so that a test can check the value it consumes.

    /** {@link #fixedPoint(Blackhole)}'s parse: the decoders' call on the parser's buffer. */
    static long fixedPointOf(char[] c) {
        return FixedPoint.parse(c, 0, c.length, FixedPoint.PRICE_DECIMALS);
    }

    /** {@link #fixedPointText(Blackhole)}'s parse. */
    static long fixedPointTextOf(String s) {
        return FixedPoint.parse(s, FixedPoint.PRICE_DECIMALS);
    }

    /** {@link #parseDouble(Blackhole)}'s parse (inexact). */
    static double doubleOf(String s) {
        return Double.parseDouble(s);
    }

    /** {@link #bigDecimal(Blackhole)}'s parse (exact, allocates). */
    static long bigDecimalOf(String s) {
        return new BigDecimal(s).movePointRight(FixedPoint.PRICE_DECIMALS).setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    @Benchmark
    @OperationsPerInvocation(STRINGS)
    public void fixedPoint(Blackhole bh) {
        for (char[] c : chars) {
            bh.consume(fixedPointOf(c));
        }
    }

    @Benchmark
    @OperationsPerInvocation(STRINGS)
    public void fixedPointText(Blackhole bh) {
        for (String s : text) {
            bh.consume(fixedPointTextOf(s));
        }
    }

    @Benchmark
    @OperationsPerInvocation(STRINGS)
    public void parseDouble(Blackhole bh) {
        for (String s : text) {
            bh.consume(doubleOf(s));
        }
    }

    @Benchmark
    @OperationsPerInvocation(STRINGS)
    public void bigDecimal(Blackhole bh) {
        for (String s : text) {
            bh.consume(bigDecimalOf(s));
        }
    }
}
