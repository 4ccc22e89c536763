package io.perpspot.engine.feed.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsNumberTest {
    @Test
    void writesShortestRoundTripDigitsLikeJavaScript() {
        assertEquals("117.11139694501614", JsNumber.toString(117.11139694501614));
        assertEquals("-0.13087758891799148", JsNumber.toString(-0.13087758891799148));
        assertEquals("0.30000000000000004", JsNumber.toString(0.1 + 0.2));
        assertEquals("946740309.1850989", JsNumber.toString(946740309.1850989));
        assertEquals("100", JsNumber.toString(100));
        assertEquals("0", JsNumber.toString(0));
    }

    @Test
    void usesPlainDecimalsDownToOneMillionth() {
        assertEquals("0.000001", JsNumber.toString(1e-6));
        assertEquals("0.0000216", JsNumber.toString(0.0000216));
        assertEquals("0.0000015", JsNumber.toString(1.5e-6));
    }

    @Test
    void usesExponentFormBelowOneMillionthAndFromOneE21() {
        assertEquals("1.5e-7", JsNumber.toString(1.5e-7));
        assertEquals("9.99e-7", JsNumber.toString(9.99e-7));
        assertEquals("5e-324", JsNumber.toString(Double.MIN_VALUE));
        assertEquals("1e+21", JsNumber.toString(1e21));
        assertEquals("123456789012345680000", JsNumber.toString(123456789012345678901.0));
        assertEquals("1.7976931348623157e+308", JsNumber.toString(Double.MAX_VALUE));
    }
}
