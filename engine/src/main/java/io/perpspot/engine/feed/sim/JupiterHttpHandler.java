package io.perpspot.engine.feed.sim;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP connection to the Jupiter sim. Reads GET requests for {@code /price/v3},
 * {@code /tokens/v2/tag}, {@code /tokens/v2/search} and {@code /swap/v1/quote}; writes JSON answers
 * after the gate of forced failures, API key (401) and rate limit (429 with {@code x-ratelimit-*}
 * headers, which also ride on every 200). While stalled, requests are parked unanswered.
 */
final class JupiterHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final String JSON = "application/json";
    private static final String RATE_LIMITED = "{\"message\":\"Rate limit exceeded\"}";
    private static final String UNAUTHORIZED = "{\"code\":401,\"message\":\"Unauthorized\"}";

    /** What the answer needs from a request, kept when the request is parked. */
    private record Request(String path, Map<String, List<String>> params, HttpMethod method, String apiKey,
                           boolean keepAlive) {
    }

    private final JupiterControls controls;
    private final JupiterApi api;
    private final JupiterQuoter quoter;

    JupiterHttpHandler(JupiterControls controls, JupiterApi api, JupiterQuoter quoter) {
        this.controls = controls;
        this.api = api;
        this.quoter = quoter;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        Request r = new Request(uri.path(), uri.parameters(), req.method(), req.headers().get("x-api-key"),
                HttpUtil.isKeepAlive(req));
        controls.count(r.path(), r.apiKey());
        if (controls.takeDrop()) {
            ctx.close(); // no answer at all: the client sees the connection end
            return;
        }
        if (controls.stalled) {
            controls.parked.addLast(() -> answer(ctx, r));
            return;
        }
        long delay = controls.delayMillis;
        if (delay > 0) {
            ctx.executor().schedule(() -> answer(ctx, r), delay, TimeUnit.MILLISECONDS);
            return;
        }
        answer(ctx, r);
    }

    private void answer(ChannelHandlerContext ctx, Request r) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = System.currentTimeMillis();
        int forced = controls.takeForced();
        if (forced == 429) {
            RateLimiter l = controls.limiter;
            RateLimiter.Verdict v = (l != null ? l : new RateLimiter(1, 60_000)).over(now);
            HttpReplies.send(ctx, r.keepAlive(), 429, JSON, RATE_LIMITED, headers(v));
            return;
        }
        if (forced != 0) {
            HttpReplies.send(ctx, r.keepAlive(), forced, JSON,
                    JupiterApi.Reply.error(forced, HttpResponseStatus.valueOf(forced).reasonPhrase()).body(), Map.of());
            return;
        }
        String key = controls.apiKey;
        if (key != null && !key.equals(r.apiKey())) {
            HttpReplies.send(ctx, r.keepAlive(), 401, JSON, UNAUTHORIZED, Map.of());
            return;
        }
        RateLimiter limiter = controls.limiter;
        Map<String, String> limitHeaders = Map.of();
        if (limiter != null) {
            RateLimiter.Verdict v = limiter.check(now);
            limitHeaders = headers(v);
            if (!v.allowed()) {
                HttpReplies.send(ctx, r.keepAlive(), 429, JSON, RATE_LIMITED, limitHeaders);
                return;
            }
        }
        JupiterControls.Recorded canned = controls.takeRecorded(r.path());
        if (canned != null) {
            Map<String, String> h = new LinkedHashMap<>(canned.headers());
            if (canned.status() == 200) {
                h.putAll(limitHeaders);
            }
            HttpReplies.send(ctx, r.keepAlive(), canned.status(), JSON, canned.body(), h);
            return;
        }
        JupiterApi.Reply reply = route(r);
        String body = reply.body();
        if (reply.status() == 200) {
            JupiterGarbage g = controls.takeGarbage();
            if (g != null) {
                body = g.apply(r.path(), body);
            }
        }
        // Rate-limit headers ride on 200 and 429 answers only.
        HttpReplies.send(ctx, r.keepAlive(), reply.status(), JSON, body,
                reply.status() == 200 ? limitHeaders : Map.of());
    }

    private JupiterApi.Reply route(Request r) {
        if (!HttpMethod.GET.equals(r.method())) {
            return JupiterApi.Reply.error(405, "Method Not Allowed");
        }
        switch (r.path()) {
            case "/price/v3":
                return api.price(first(r, "ids"));
            case "/tokens/v2/tag":
                return api.tag(first(r, "query"));
            case "/tokens/v2/search":
                return api.search(first(r, "query"));
            case "/swap/v1/quote":
                return quoter.quote(r.params());
            default:
                return JupiterApi.Reply.error(404, "Not Found");
        }
    }

    private static String first(Request r, String name) {
        List<String> v = r.params().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static Map<String, String> headers(RateLimiter.Verdict v) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-ratelimit-remaining", Long.toString(v.remaining()));
        h.put("x-ratelimit-current", Long.toString(v.current()));
        h.put("x-ratelimit-reset", Long.toString(v.resetEpochSeconds()));
        return h;
    }
}
