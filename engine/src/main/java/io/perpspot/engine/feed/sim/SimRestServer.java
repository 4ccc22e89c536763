package io.perpspot.engine.feed.sim;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A small loopback GET-only JSON venue (the base of the CoinGecko and Kraken fakes): routes
 * {@code GET path?query} to an answer function, through the {@link SimFaults} switches.
 */
class SimRestServer implements AutoCloseable {
    private static final int MAX_REQUEST_BYTES = 1 << 16;

    private final Channel serverChannel;
    private final ChannelGroup children;
    private final SimFaults faults;

    SimRestServer(String name, EventLoopGroup group, int port, String path,
                  BiFunction<String, Map<String, List<String>>, SimFaults.Reply> api) {
        this.faults = new SimFaults();
        this.children = new DefaultChannelGroup(name, group.next());
        faults.attach(children);
        ServerBootstrap b = new ServerBootstrap()
                .group(group, group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (faults.refusing) {
                            ch.close();
                            return;
                        }
                        children.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        boolean keepAlive = HttpUtil.isKeepAlive(req);
                                        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
                                        if (!uri.path().equals(path)) {
                                            HttpReplies.send(ctx, keepAlive, 404, null, null, Map.of());
                                            return;
                                        }
                                        if (!HttpMethod.GET.equals(req.method())) {
                                            HttpReplies.send(ctx, keepAlive, 405, null, null, Map.of());
                                            return;
                                        }
                                        Map<String, List<String>> params = uri.parameters();
                                        faults.answer(ctx, keepAlive, uri.path(), () -> api.apply(uri.path(), params),
                                                Map.of());
                                    }
                                });
                    }
                });
        this.serverChannel = b.bind(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
        this.path = path;
    }

    private final String path;

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** {@code http://127.0.0.1:PORT/path}. */
    public String url() {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The fault switches. */
    public SimFaults faults() {
        return faults;
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        children.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
