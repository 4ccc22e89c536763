package io.perpspot.engine.feed.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves {@code POST /info} on the Hyperliquid sim port. Reads the request's method, content type
 * and JSON body; writes the {@link HlInfoApi} answer with the service's headers, or the service's
 * error for a wrong method (405), content type (415) or unparseable body (400). Requests for the
 * WebSocket path never reach it.
 */
@ChannelHandler.Sharable
final class HlHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Map<String, String> JSON_HEADERS = new LinkedHashMap<>();

    static {
        JSON_HEADERS.put("access-control-allow-origin", "*");
        JSON_HEADERS.put("vary", "origin, access-control-request-method, access-control-request-headers");
    }

    private final HlInfoApi api;
    private final ObjectMapper mapper;
    private final AtomicLong requests;
    private final SimFaults faults;

    HlHttpHandler(HlInfoApi api, ObjectMapper mapper, AtomicLong requests, SimFaults faults) {
        this.api = api;
        this.mapper = mapper;
        this.requests = requests;
        this.faults = faults;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String path = new QueryStringDecoder(req.uri()).path();
        if (!path.equals("/info")) {
            HttpReplies.send(ctx, keepAlive, 404, null, null, Map.of());
            return;
        }
        requests.incrementAndGet();
        if (!HttpMethod.POST.equals(req.method())) {
            HttpReplies.send(ctx, keepAlive, 405, null, null, Map.of());
            return;
        }
        if (!isJson(req.headers().get(HttpHeaderNames.CONTENT_TYPE))) {
            HttpReplies.send(ctx, keepAlive, 415, HlInfoApi.TEXT, HlInfoApi.WRONG_CONTENT_TYPE, Map.of());
            return;
        }
        JsonNode body;
        try {
            body = mapper.readTree(req.content().toString(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (body == null || body.isMissingNode()) {
            HttpReplies.send(ctx, keepAlive, 400, HlInfoApi.TEXT, HlInfoApi.PARSE_FAILED, Map.of());
            return;
        }
        JsonNode request = body;
        JsonNode type = body.get("type");
        faults.answer(ctx, keepAlive, type != null && type.isTextual() ? type.asText() : null, () -> {
            HlInfoApi.Reply reply = api.answer(request);
            return new SimFaults.Reply(reply.status(), reply.contentType(), reply.body());
        }, JSON_HEADERS);
    }

    /** {@code application/json}, parameters (charset) allowed, case-insensitive. */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json");
    }
}
