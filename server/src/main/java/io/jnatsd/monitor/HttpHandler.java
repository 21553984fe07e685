package io.jnatsd.monitor;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Turns a decoded HTTP request into a monitoring {@link Reply}. Sits in the pipeline on the monitoring executor, not
 * on the I/O loop that reads the socket, so building a large /connz never delays client traffic on that loop.
 * Any method is served, as nats-server's Go handlers do; HEAD gets the headers without the body.
 */
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);

    private final Monitoring monitoring;

    HttpHandler(Monitoring monitoring) {
        this.monitoring = monitoring;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        Reply reply;
        if (!req.decoderResult().isSuccess()) {
            reply = Reply.badRequest("400 Bad Request");
            keepAlive = false;
        } else {
            QueryStringDecoder uri = new QueryStringDecoder(req.uri(), StandardCharsets.UTF_8);
            try {
                reply = monitoring.handle(uri.path(), new Query(uri.parameters()));
            } catch (RuntimeException e) {
                LOG.error("monitoring request {} failed", req.uri(), e);
                reply = null;
            }
        }
        FullHttpResponse resp = reply == null
                ? response(HttpResponseStatus.INTERNAL_SERVER_ERROR, Reply.TEXT,
                        "500 Internal Server Error".getBytes(StandardCharsets.US_ASCII), false)
                : response(HttpResponseStatus.valueOf(reply.status), reply.contentType, reply.body,
                        req.method().equals(HttpMethod.HEAD));
        if (reply != null && reply.status == 404) {
            resp.headers().set("X-Content-Type-Options", "nosniff");
        }
        if (keepAlive) {
            if (!req.protocolVersion().isKeepAliveDefault()) {
                resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.writeAndFlush(resp);
        } else {
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse response(HttpResponseStatus status, String type, byte[] body, boolean head) {
        FullHttpResponse r = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("monitoring connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
