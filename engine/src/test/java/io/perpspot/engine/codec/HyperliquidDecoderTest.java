package io.perpspot.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decodes real recorded Hyperliquid frames to exact fixed-point values, and rejects bad ones. */
class HyperliquidDecoderTest {
    private static final int SRC = Source.HL_WS_MAINNET;
    private static final TokenRegistry REGISTRY = Fixtures.registryWith(
            new Token(0, "PEPE", "kPEPE", 3, "KPEPEtestMint111111111111111111111111111111", 6),
            new Token(0, "MATIC", "MATIC", 0, "MATiCtestMint11111111111111111111111111111", 8),
            new Token(0, "DYDX", "DYDX", 0, "DYDXtestMint111111111111111111111111111111", 8));
    private static final List<String> CAPTURED = Fixtures.lines("hyperliquid_ws_captured_frames.jsonl");
    private static final String GOOD_BBO =
            "{\"channel\":\"bbo\",\"data\":{\"coin\":\"SOL\",\"time\":1790232237145,\"bbo\":[{\"px\":\"94.87\","
            + "\"sz\":\"12.5\",\"n\":3},{\"px\":\"94.88\",\"sz\":\"7.25\",\"n\":2}]}}";

    private Fixtures.Collector out;
    private FeedStats stats;
    private HyperliquidDecoder decoder;

    @BeforeEach
    void setUp() {
        out = new Fixtures.Collector();
        stats = new FeedStats();
        decoder = new HyperliquidDecoder(REGISTRY, SRC, out, stats);
    }

    private void decode(String frame) {
        byte[] b = frame.getBytes(StandardCharsets.UTF_8);
        decoder.onFrame(b, 0, b.length, 1_000_000_000L);
    }

    private static long px(String s) {
        return FixedPoint.parse(s, FixedPoint.PRICE_DECIMALS);
    }

    private static long sz(String s) {
        return FixedPoint.parse(s, FixedPoint.SIZE_DECIMALS);
    }

    private int id(String coin) {
        return REGISTRY.idByCoin(coin);
    }

    @Test
    void decodesCapturedBtcBookToExactValues() {
        decode(CAPTURED.get(0));
        MarketEvent e = out.only();
        assertEquals(EventType.PERP_BOOK, e.type);
        assertEquals(id("BTC"), e.tokenId);
        assertEquals(1790232236546L, e.exchTimeMs);
        assertEquals(1_000_000_000L, e.recvNanos);
        assertEquals(3, e.bidCount);
        assertEquals(3, e.askCount);
        assertArrayEquals(new long[] {px("84143.0"), px("84142.0"), px("84141.0")}, Arrays.copyOf(e.bidPxs, 3));
        assertArrayEquals(new long[] {sz("10.25923"), sz("1.65875"), sz("1.12923")}, Arrays.copyOf(e.bidSzs, 3));
        assertArrayEquals(new int[] {36, 7, 2}, Arrays.copyOf(e.bidNs, 3));
        assertArrayEquals(new long[] {px("84144.0"), px("84150.0"), px("84151.0")}, Arrays.copyOf(e.askPxs, 3));
        assertArrayEquals(new long[] {sz("50.66449"), sz("0.00711"), sz("0.01782")}, Arrays.copyOf(e.askSzs, 3));
        assertEquals(84_143_000_000_000_000L, e.bidPxs[0]);
    }

    @Test
    void kContractBookIsConvertedToPricesAndSizesPerToken() {
        decode(CAPTURED.get(1));
        MarketEvent e = out.only();
        assertEquals(id("kPEPE"), e.tokenId);
        // 0.004411 per 1000 PEPE = 0.000004411 per PEPE; 2,058,973 contracts = 2,058,973,000 PEPE.
        assertEquals(4_411_000L, e.bidPxs[0]);
        assertEquals(px("0.000004411"), e.bidPxs[0]);
        assertEquals(sz("2058973000"), e.bidSzs[0]);
        assertEquals(px("0.000004415"), e.askPxs[2]);
        assertEquals(sz("8257858000"), e.askSzs[2]);
    }

    @Test
    void decodesCapturedBbo() {
        decode(CAPTURED.get(2));
        MarketEvent e = out.only();
        assertEquals(EventType.PERP_BBO, e.type);
        assertEquals(id("BTC"), e.tokenId);
        assertEquals(1790232237145L, e.exchTimeMs);
        assertEquals(px("84143.0"), e.bidPx);
        assertEquals(sz("10.25923"), e.bidSz);
        assertEquals(px("84144.0"), e.askPx);
        assertEquals(sz("50.66422"), e.askSz);
    }

    @Test
    void decodesCapturedAssetContextWithEveryField() {
        decode(CAPTURED.get(3));
        MarketEvent e = out.only();
        assertEquals(EventType.PERP_CTX, e.type);
        assertEquals(id("BTC"), e.tokenId);
        assertEquals(0, e.exchTimeMs, "activeAssetCtx carries no time");
        assertEquals(1_895_200L, e.funding);
        assertEquals(px("-0.0006413454"), e.premium);
        assertEquals(sz("36585.31848"), e.openInterest);
        assertEquals(px("84198.0"), e.oraclePx);
        assertEquals(px("84148.0"), e.markPx);
        assertEquals(px("84143.5"), e.midPx);
        assertEquals(px("84143.0"), e.impactBidPx);
        assertEquals(px("84144.0"), e.impactAskPx);
        assertEquals(px("86627.0"), e.prevDayPx);
        assertEquals(4_161_029_539_694_965L, e.dayNtlVlm, "4161029539.6949653625 rounded to 6 decimals");
    }

    @Test
    void kContractContextKeepsOpenInterestInContractsAndPricesPerToken() {
        decode("{\"channel\":\"activeAssetCtx\",\"data\":{\"coin\":\"kPEPE\",\"ctx\":{\"funding\":\"0.0001016897\","
                + "\"openInterest\":\"16878923727.0\",\"prevDayPx\":\"0.002051\",\"dayNtlVlm\":\"95802313.5\","
                + "\"premium\":\"0.0004\",\"oraclePx\":\"0.00441\",\"markPx\":\"0.004411\",\"midPx\":null,"
                + "\"impactPxs\":null,\"dayBaseVlm\":\"1.0\"}}}");
        MarketEvent e = out.only();
        assertEquals(sz("16878923727"), e.openInterest, "contracts, as reported");
        assertEquals(px("0.000004411"), e.markPx);
        assertEquals(px("0.00000441"), e.oraclePx);
        assertEquals(FixedPoint.NULL, e.midPx);
        assertEquals(FixedPoint.NULL, e.impactBidPx);
    }

    @Test
    void tradesAndCandlesAreIgnoredNotRejected() {
        decode(CAPTURED.get(4));
        decode(CAPTURED.get(5));
        assertTrue(out.events.isEmpty());
        assertEquals(2, stats.ignoredCount(SRC));
        assertEquals(0, stats.rejects(SRC));
    }

    @Test
    void delistedCoinBookHasEmptyLevels() {
        decode(CAPTURED.get(6));
        MarketEvent e = out.only();
        assertEquals(id("MATIC"), e.tokenId);
        assertEquals(0, e.bidCount);
        assertEquals(0, e.askCount);
    }

    @Test
    void allMidsPublishesTrackedCoinsOnly() {
        decode(Fixtures.text("nautilus_trader__ws_allmids.json"));
        assertEquals(3, out.events.size(), "@142 and PURR/USDC are not tracked perps");
        assertEquals(id("BTC"), out.events.get(0).tokenId);
        assertEquals(px("80868.5"), out.events.get(0).midPx);
        assertEquals(px("2296.45"), out.events.get(1).midPx);
        assertEquals(px("94.8775"), out.events.get(2).midPx);
        for (MarketEvent e : out.events) {
            assertEquals(EventType.PERP_MID, e.type);
        }
    }

    @Test
    void restBookBodyDecodesWhateverTheKeyOrder() {
        // 2023 REST body: keys coin, levels, time and per level n, px, sz.
        String body = Fixtures.cassetteBody("hyperliquid-python-sdk__test_get_l2_snapshot.yaml", 1);
        decode("{\"channel\":\"l2Book\",\"data\":" + body + "}");
        MarketEvent e = out.only();
        assertEquals(id("DYDX"), e.tokenId);
        assertEquals(1689630203930L, e.exchTimeMs);
        assertEquals(20, e.bidCount);
        assertEquals(20, e.askCount);
        assertEquals(px("2.111"), e.bidPxs[0]);
        assertEquals(sz("134.4"), e.bidSzs[0]);
        assertEquals(px("2.1124"), e.askPxs[0]);
        assertEquals(sz("352.3"), e.askSzs[0]);
        assertEquals(2, e.askNs[0]);
    }

    @Test
    void prettyPrintedBookDataDecodes() {
        decode("{\"channel\":\"l2Book\",\"data\":" + Fixtures.text("nautilus_trader__ws_book_data.json") + "}");
        MarketEvent e = out.only();
        assertEquals(5, e.bidCount);
        assertEquals(px("98450.5"), e.bidPxs[0]);
        assertEquals(px("98454"), e.askPxs[4]);
        assertEquals(sz("2.8"), e.askSzs[4]);
    }

    @Test
    void dataBeforeChannelStillDecodes() {
        decode("{\"data\":{\"coin\":\"SOL\",\"time\":5,\"bbo\":[{\"px\":\"94.87\",\"sz\":\"1\",\"n\":1},null]},"
                + "\"channel\":\"bbo\"}");
        MarketEvent e = out.only();
        assertEquals(px("94.87"), e.bidPx);
        assertEquals(FixedPoint.NULL, e.askPx);
    }

    @Test
    void greetingAcksAndPongsAreCountedQuietly() {
        decode(HyperliquidDecoder.GREETING);
        decode("{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"subscribe\","
                + "\"subscription\":{\"type\":\"l2Book\",\"coin\":\"BTC\",\"nSigFigs\":null,\"mantissa\":null,"
                + "\"fast\":false}}}");
        decode("{\"channel\":\"pong\"}");
        assertTrue(out.events.isEmpty());
        assertEquals(1, decoder.greetings());
        assertEquals(1, decoder.acks());
        assertEquals(1, decoder.pongs());
        assertEquals(0, stats.rejects(SRC));
    }

    @Test
    void serverErrorFramesAreRejectedAndRemembered() {
        decode("{\"channel\":\"error\",\"data\":\"Already subscribed: "
                + "{\\\"type\\\":\\\"l2Book\\\",\\\"coin\\\":\\\"SOL\\\"}\"}");
        assertEquals(1, stats.rejects(SRC, Reject.SERVER_ERROR));
        assertTrue(decoder.lastServerError().startsWith("Already subscribed"));
        assertTrue(out.events.isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NOT_JSON|hello",
        "MALFORMED_JSON|{\"channel\":\"bbo\",,}",
        "MALFORMED_JSON|{\"channel\":\"pong\"}{\"channel\":\"pong\"}",
        "TRUNCATED|{\"channel\":\"bbo\",\"data\":{\"coin\":\"BTC\",\"time\":17902322",
        "UNKNOWN_CHANNEL|{\"channel\":\"weird\",\"data\":{}}",
        "MISSING_FIELD|{\"data\":{}}",
        "MISSING_FIELD|{\"channel\":\"bbo\",\"data\":{\"time\":1,\"bbo\":[null,null]}}",
        "UNKNOWN_COIN|{\"channel\":\"bbo\",\"data\":{\"coin\":\"NOPE\",\"time\":1,\"bbo\":[null,null]}}",
        "UNKNOWN_COIN|{\"channel\":\"bbo\",\"data\":{\"coin\":\"btc\",\"time\":1,\"bbo\":[null,null]}}",
        "BAD_NUMBER|{\"channel\":\"bbo\",\"data\":{\"coin\":\"BTC\",\"time\":1,\"bbo\":[{\"px\":\"abc\",\"sz\":\"1\","
        + "\"n\":1},null]}}",
        "BAD_NUMBER|{\"channel\":\"bbo\",\"data\":{\"coin\":\"BTC\",\"time\":1,\"bbo\":[{\"px\":\"NaN\",\"sz\":\"1\","
        + "\"n\":1},null]}}",
        "BAD_PRICE|{\"channel\":\"bbo\",\"data\":{\"coin\":\"BTC\",\"time\":1,\"bbo\":[{\"px\":\"-5\",\"sz\":\"1\","
        + "\"n\":1},null]}}",
        "BAD_PRICE|{\"channel\":\"bbo\",\"data\":{\"coin\":\"BTC\",\"time\":1,\"bbo\":[{\"px\":\"0\",\"sz\":\"1\","
        + "\"n\":1},null]}}",
        "BAD_SIZE|{\"channel\":\"bbo\",\"data\":{\"coin\":\"BTC\",\"time\":1,\"bbo\":[{\"px\":\"5\",\"sz\":\"-1\","
        + "\"n\":1},null]}}",
        "CROSSED_BOOK|{\"channel\":\"bbo\",\"data\":{\"coin\":\"BTC\",\"time\":1,\"bbo\":[{\"px\":\"5\",\"sz\":\"1\","
        + "\"n\":1},{\"px\":\"4\",\"sz\":\"1\",\"n\":1}]}}",
        "UNSORTED_BOOK|{\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"time\":1,\"levels\":[[{\"px\":\"4\","
        + "\"sz\":\"1\",\"n\":1},{\"px\":\"5\",\"sz\":\"1\",\"n\":1}],[]]}}",
        "WRONG_TYPE|{\"channel\":\"bbo\",\"data\":{\"coin\":\"BTC\",\"time\":1,\"bbo\":{}}}",
        "WRONG_TYPE|{\"channel\":\"bbo\",\"data\":{\"coin\":[\"BTC\"],\"time\":1,\"bbo\":[null,null]}}",
        "BAD_PRICE|{\"channel\":\"allMids\",\"data\":{\"mids\":{\"BTC\":\"-1\",\"ETH\":\"2296.45\"}}}",
        "MISSING_FIELD|{\"channel\":\"activeAssetCtx\",\"data\":{\"coin\":\"BTC\",\"ctx\":{\"funding\":\"0.0000125\","
        + "\"oraclePx\":\"1\"}}}",
    })
    void badFrameIsRejectedCountedAndChangesNothing(Reject reason, String frame) {
        decode(frame);
        assertTrue(out.events.isEmpty(), "nothing published for a bad frame");
        assertEquals(1, stats.rejects(SRC, reason), "counted under " + reason);
        decode(GOOD_BBO);
        MarketEvent e = out.only();
        assertEquals(px("94.87"), e.bidPx, "the parser recovered");
        assertEquals(px("94.88"), e.askPx);
    }

    /**
     * Frames are fed as they are, with no separator after them: what follows the root object is
     * checked without reading into the next frame, and an unfinished token there (which the
     * parser would otherwise keep waiting on) is rejected.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "` 5`", "`5`", "`\"x`", "`{`", "` [`", "`t`", "`,`", "` {\"channel\":\"pong\"}`", "`}`"
    })
    void contentAfterTheRootObjectIsRejectedAndTheNextFrameDecodes(String after) {
        decode(GOOD_BBO.replace("1790232237145", "1790232237000") + after);
        assertTrue(out.events.isEmpty(), "nothing published");
        assertEquals(1, stats.rejects(SRC, Reject.MALFORMED_JSON));
        decode(GOOD_BBO);
        assertEquals(px("94.87"), out.only().bidPx, "the parser recovered");
    }

    @Test
    void whitespaceAfterTheRootObjectIsAccepted() {
        decode(GOOD_BBO.replace("1790232237145", "1790232237000") + " \r\n\t ");
        decode(GOOD_BBO);
        assertEquals(0, stats.rejects(SRC));
        assertEquals(2, out.events.size());
    }

    @Test
    void framesAreDecodedInPlaceFromTheCallersArray() {
        // Two frames at offsets of one array, between bytes that are not theirs; the array is
        // overwritten after each call, as a network buffer would be.
        byte[] first = GOOD_BBO.replace("1790232237145", "1790232237000").getBytes(StandardCharsets.UTF_8);
        byte[] second = GOOD_BBO.getBytes(StandardCharsets.UTF_8);
        byte[] shared = new byte[first.length + second.length + 10];
        Arrays.fill(shared, (byte) '"');
        System.arraycopy(first, 0, shared, 3, first.length);
        decoder.onFrame(shared, 3, first.length, 1L);
        Arrays.fill(shared, (byte) '{');
        System.arraycopy(second, 0, shared, 7, second.length);
        decoder.onFrame(shared, 7, second.length, 2L);
        assertEquals(0, stats.rejects(SRC), "only the given range is read");
        assertEquals(2, out.events.size());
        assertEquals(1790232237000L, out.events.get(0).exchTimeMs);
        assertEquals(1790232237145L, out.events.get(1).exchTimeMs);
        assertEquals(2L, out.events.get(1).recvNanos);
        assertEquals(sz("7.25"), out.events.get(1).askSz);
    }

    @Test
    void moreThanTwentyLevelsIsRejected() {
        StringBuilder sb = new StringBuilder("{\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"time\":1,"
                + "\"levels\":[[");
        for (int i = 0; i < 21; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"px\":\"").append(100 - i).append("\",\"sz\":\"1\",\"n\":1}");
        }
        sb.append("],[]]}}");
        decode(sb.toString());
        assertTrue(out.events.isEmpty());
        assertEquals(1, stats.rejects(SRC, Reject.TOO_MANY_LEVELS));
    }

    @Test
    void everyCapturedFrameDecodesWithoutRejection() {
        for (String frame : CAPTURED) {
            decode(frame);
        }
        assertEquals(0, stats.rejects(SRC));
        assertEquals(CAPTURED.size(), stats.frames(SRC));
        assertEquals(5, out.events.size(), "3 books, 1 bbo, 1 ctx; trades and candle ignored");
    }
}
