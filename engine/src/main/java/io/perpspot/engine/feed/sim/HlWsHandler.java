package io.perpspot.engine.feed.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * One Hyperliquid WebSocket connection. Reads client text frames ({@code subscribe},
 * {@code unsubscribe}, {@code ping}, {@code post}); writes acks, the first snapshot, pongs, post
 * replies and errors with the service's exact texts. A request naming something the service would
 * not serve (unknown or lowercase coin, nSigFigs outside 2..5, mantissa without nSigFigs 5) closes
 * the TCP connection with no message and no close frame, as the real server does.
 */
final class HlWsHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final String PARSE_ERROR = "Error parsing JSON into valid websocket request: ";

    private final HlHub hub;
    private final HlPusher pusher;
    private final HlInfoApi info;
    private final ObjectMapper mapper;
    private HlHub.Session session;

    HlWsHandler(HlHub hub, HlPusher pusher, HlInfoApi info, ObjectMapper mapper) {
        this.hub = hub;
        this.pusher = pusher;
        this.info = info;
        this.mapper = mapper;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            session = new HlHub.Session(ctx.channel());
            hub.sessions.add(session);
            hub.webSocketsOpened.incrementAndGet();
            if (hub.refusingWs) {
                hub.drop(session);
                super.userEventTriggered(ctx, evt);
                return;
            }
            if (hub.greeting) {
                hub.send(session, HlFrames.GREETING);
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            hub.closed(session);
        }
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (session == null || session.doomed) {
            return;
        }
        session.lastInboundNanos = System.nanoTime();
        hub.messagesReceived.incrementAndGet();
        if (frame instanceof TextWebSocketFrame text) {
            handle(ctx, text.text());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.channel().close();
    }

    private void handle(ChannelHandlerContext ctx, String text) {
        JsonNode msg;
        try {
            msg = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            msg = null;
        }
        JsonNode method = msg == null || !msg.isObject() ? null : msg.get("method");
        String name = method != null && method.isTextual() ? method.asText() : "";
        switch (name) {
            case "ping" -> hub.send(session, HlFrames.PONG);
            case "subscribe" -> {
                hub.subscribeMessagesReceived.incrementAndGet();
                subscribe(ctx, msg, text);
            }
            case "unsubscribe" -> unsubscribe(msg, text);
            case "post" -> post(msg, text);
            default -> hub.send(session, HlFrames.error(PARSE_ERROR + text));
        }
    }

    private void subscribe(ChannelHandlerContext ctx, JsonNode msg, String text) {
        HlSubscription sub;
        try {
            sub = HlSubscription.parse(msg.get("subscription"));
        } catch (HlSubscription.Malformed e) {
            hub.send(session, HlFrames.error(PARSE_ERROR + text));
            return;
        }
        if (!sub.servable(hub.market)) {
            // The real service says nothing and drops the whole connection, every other subscription with it.
            hub.drop(session);
            return;
        }
        if (!hub.subscribe(session, sub)) {
            hub.send(session, HlFrames.error("Already subscribed: " + sub.json()));
            return;
        }
        hub.send(session, HlFrames.ack("subscribe", sub));
        String first = pusher.snapshot(sub, pusher.clock());
        if (first != null) {
            hub.send(session, first);
        }
    }

    private void unsubscribe(JsonNode msg, String text) {
        HlSubscription sub;
        try {
            sub = HlSubscription.parse(msg.get("subscription"));
        } catch (HlSubscription.Malformed e) {
            hub.send(session, HlFrames.error(PARSE_ERROR + text));
            return;
        }
        if (hub.unsubscribe(session, sub)) {
            hub.send(session, HlFrames.ack("unsubscribe", sub));
        } else {
            hub.send(session, HlFrames.error("Already unsubscribed: " + sub.json()));
        }
    }

    /** {@code {"method":"post","id":N,"request":{"type":"info","payload":{…}}}}. */
    private void post(JsonNode msg, String text) {
        JsonNode id = msg.get("id");
        JsonNode request = msg.get("request");
        JsonNode type = request == null ? null : request.get("type");
        if (id == null || !id.isIntegralNumber() || id.asLong() < 0 || type == null || !type.isTextual()
                || !request.has("payload")) {
            hub.send(session, HlFrames.error(PARSE_ERROR + text));
            return;
        }
        StringBuilder sb = new StringBuilder(512).append("{\"channel\":\"post\",\"data\":{\"id\":")
                .append(id.asText()).append(",\"response\":");
        if (type.asText().equals("info")) {
            JsonNode payload = request.get("payload");
            HlInfoApi.Reply reply = info.answer(payload);
            if (reply.status() == 200) {
                sb.append("{\"type\":\"info\",\"payload\":{\"type\":");
                JsonText.string(sb, payload.get("type").asText()).append(",\"data\":").append(reply.body())
                        .append("}}");
            } else {
                sb.append("{\"type\":\"error\",\"payload\":");
                JsonText.string(sb, reply.contentType().equals(HlInfoApi.JSON)
                        ? HlInfoApi.DESERIALIZE_FAILED : reply.body()).append('}');
            }
        } else if (type.asText().equals("action")) {
            sb.append("{\"type\":\"error\",\"payload\":\"Actions are not supported by the simulated venue\"}");
        } else {
            hub.send(session, HlFrames.error(PARSE_ERROR + text));
            return;
        }
        hub.send(session, sb.append("}}").toString());
    }
}
