/**
 * Simulated venues for {@code --feed sim} and for tests: a seeded market model
 * ({@link io.perpspot.engine.feed.sim.SimMarket}) behind a local Hyperliquid
 * ({@link io.perpspot.engine.feed.sim.SimHyperliquidServer}: WebSocket {@code /ws} and
 * {@code POST /info}) and a local Jupiter ({@link io.perpspot.engine.feed.sim.SimJupiterServer}:
 * {@code /price/v3}, {@code /tokens/v2}, {@code /swap/v1/quote}), started together on one
 * single-thread event loop by {@link io.perpspot.engine.feed.sim.SimVenues}.
 *
 * <p>The servers copy the real services' wire behaviour, errors included: frame shapes and key
 * order, number text, the silent socket close on a bad coin, the info endpoint's status codes,
 * Jupiter's rate-limit headers. Where the sim knowingly differs:
 * <ul>
 *   <li>{@code trades} and {@code candle} subscriptions are acked but never fed; the spot pairs of
 *       {@code spotMeta} ({@code @142}, ...: {@link io.perpspot.engine.feed.sim.SimSpotPair}) serve
 *       {@code bbo} and {@code l2Book} only; other spot coins of {@code allMids} ({@code @1},
 *       {@code PURR/USDC}) cannot be subscribed (they count as unknown coins and close the socket);
 *       user streams are not understood.</li>
 *   <li>Info types other than {@code meta}, {@code metaAndAssetCtxs}, {@code allMids},
 *       {@code l2Book}, {@code spotMeta} and {@code exchangeStatus} answer 422; aggregated books carry no
 *       {@code spread} key; WebSocket {@code post} answers info requests only.</li>
 *   <li>The oracle follows the spot (fair) price with a little noise, so the premium and the
 *       funding estimate are driven by the basis; the mark is the perp mid with a little noise.</li>
 *   <li>Texts the protocol notes do not record are plausible guesses: Jupiter's 400 bodies for
 *       missing or too many ids, missing quote parameters and unknown tags.</li>
 *   <li>A stalled Hyperliquid server sends nothing at all (acks and pongs included) but still
 *       records subscriptions; a dropped socket goes silent at once and its TCP connection closes
 *       30 ms later.</li>
 * </ul>
 */
package io.perpspot.engine.feed.sim;

