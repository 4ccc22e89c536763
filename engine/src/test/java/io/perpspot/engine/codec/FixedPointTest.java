package io.perpspot.engine.codec;

import static io.perpspot.engine.core.FixedPoint.INVALID;
import static io.perpspot.engine.core.FixedPoint.PRICE_DECIMALS;
import static io.perpspot.engine.core.FixedPoint.SIZE_DECIMALS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perpspot.engine.core.FixedPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixedPointTest {

    private static long price(String s) {
        long a = FixedPoint.parse(s, PRICE_DECIMALS);
        long b = FixedPoint.parse(s.toCharArray(), 0, s.length(), PRICE_DECIMALS);
        assertEquals(a, b, "CharSequence and char[] parsers disagree on " + s);
        return a;
    }

    @Test
    void holdsEveryMagnitudeExactly() {
        assertEquals(21_600_000L, price("0.0000216"), "BONK per token");
        assertEquals(100_000L * FixedPoint.PRICE_SCALE, price("100000"), "BTC at 100k");
        assertEquals(84_143L * FixedPoint.PRICE_SCALE, price("84143.0"));
        assertEquals(4_411_000_000L, price("0.004411"), "kPEPE per contract");
        assertEquals(1_895_200L, price("0.0000018952"));
        assertEquals(-641_345_400L, price("-0.0006413454"), "negative premium");
        assertEquals(10_259_230L, FixedPoint.parse("10.25923", SIZE_DECIMALS));
    }

    @Test
    void kContractDivisionIsExactForExchangePrices() {
        long perContract = price("0.0216");
        assertEquals(price("0.0000216"), FixedPoint.divPow10(perContract, 3));
        assertEquals(FixedPoint.parse("2058973000", SIZE_DECIMALS),
                FixedPoint.mulPow10(FixedPoint.parse("2058973.0", SIZE_DECIMALS), 3));
    }

    @Test
    void readsJsonNumbersWithExponents() {
        assertEquals(150_000L, price("1.5e-7"));
        assertEquals(150_000L, price("1.5E-7"));
        assertEquals(21_600_000L, price("2.16e-5"));
        assertEquals(1_200L * FixedPoint.PRICE_SCALE, price("1.2e3"));
        assertEquals(1_200L * FixedPoint.PRICE_SCALE, price("1.2e+3"));
    }

    @Test
    void roundsDigitsBeyondTheScaleHalfAwayFromZero() {
        // Jupiter's usdPrice is a binary double with up to 17 significant digits.
        assertEquals(117_111_396_945_016L, price("117.11139694501614"));
        assertEquals(2L, price("0.0000000000015"));
        assertEquals(-2L, price("-0.0000000000015"));
        assertEquals(1L, price("0.0000000000014999"));
        assertEquals(0L, price("1e-30"));
    }

    @Test
    void keepsNineteenSignificantDigits() {
        // Found by JupiterPriceFuzzTest: 19 significant digits at the price scale used to lose the
        // last one (1179111111111111110 units).
        assertEquals(1_179_111_111_111_111_111L, price("1179111.1111111111111111111111"));
        assertEquals(1_179_111_111_111_111_112L, price("1179111.1111111111115"));
        assertEquals(Long.MAX_VALUE, FixedPoint.parse("9223372036854775807", 0));
        assertEquals(Long.MAX_VALUE, FixedPoint.parse("9223372036854775807.4999", 0));
        assertEquals(Long.MAX_VALUE, FixedPoint.parse("922337203685477580.7", 1));
        assertEquals(INVALID, FixedPoint.parse("9223372036854775808", 0));
        assertEquals(INVALID, FixedPoint.parse("9223372036854775807.5", 0));
        assertEquals(INVALID, FixedPoint.parse("92233720368547758071", 0));
        assertEquals(INVALID, FixedPoint.parse("922337203685477580.8", 1));
        assertEquals(-Long.MAX_VALUE, FixedPoint.parse("-9223372036854775807", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "NaN", "Infinity", "-Infinity", "null", "1.2.3", "12a", "1e", "1e+",
        "--1", "0x10", " 1", "1 ", "9999999", "1e20"})
    void rejectsWhatIsNotAFiniteDecimalThatFits(String s) {
        assertEquals(INVALID, price(s), s);
    }

    @Test
    void printsTheShortestExactText() {
        assertEquals("0.0000216", FixedPoint.price(21_600_000L));
        assertEquals("84143", FixedPoint.price(84_143L * FixedPoint.PRICE_SCALE));
        assertEquals("0", FixedPoint.price(0));
        assertEquals("null", FixedPoint.price(FixedPoint.NULL));
        assertEquals("-0.0006413454", FixedPoint.price(-641_345_400L));
    }
}
