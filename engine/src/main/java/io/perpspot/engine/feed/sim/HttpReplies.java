package io.perpspot.engine.feed.sim;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes complete HTTP/1.1 responses, keeping the connection open when the client asked to. */
final class HttpReplies {
    private HttpReplies() {
    }

    /**
     * Sends a response.
     *
     * @param contentType null for none (and then an empty body)
     * @param headers     extra headers in order, may be empty
     */
    static void send(ChannelHandlerContext ctx, boolean keepAlive, int status, String contentType, String body,
                     Map<String, String> headers) {
        ByteBuf content = body == null || body.isEmpty()
                ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                content);
        if (contentType != null) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        headers.forEach((k, v) -> res.headers().set(k, v));
        HttpUtil.setContentLength(res, content.readableBytes());
        HttpUtil.setKeepAlive(res, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
