package io.webpubsub.benchmarks.client;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import io.webpubsub.benchmarks.driver.DriverLoop;
import io.webpubsub.benchmarks.support.Loopback;

/**
 * An HTTP/1.1 server on 127.0.0.1 that responds to every request with {@code 202 Accepted}, an empty body and a
 * kept-alive connection, as the service responds to a send. It takes the place of the service when clients are
 * measured.
 *
 * <p>It runs in a process of its own, so its CPU time is not counted against the clients, on one NIO event loop
 * thread, so it takes at most one of the machine's cores. It prints {@code READY port=N} and then serves the driver
 * command {@code requests}, which returns how many requests it has responded to.
 */
public final class HttpSink {

	private HttpSink() {
	}

	public static void main(String[] arguments) throws Exception {
		QuietLogging.apply();
		AtomicLong responded = new AtomicLong();
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		try {
			ServerBootstrap bootstrap = new ServerBootstrap().group(group)
				.channel(NioServerSocketChannel.class)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel channel) {
						channel.pipeline().addLast(new HttpServerCodec(), new AcceptingHandler(responded));
					}
				});
			Channel server = bootstrap.bind(Loopback.HOST, 0).sync().channel();
			int port = ((InetSocketAddress) server.localAddress()).getPort();

			DriverLoop.serve(Map.of("port", port), (words) -> {
				if (words.length != 1 || !words[0].equals("requests")) {
					throw new IllegalArgumentException("Invalid command '" + String.join(" ", words)
							+ "': the sink accepts 'requests' and 'exit'");
				}
				return Map.of("requests", responded.get());
			});
		}
		finally {
			group.shutdownGracefully().syncUninterruptibly();
		}
	}

	/**
	 * Responds to each request once its last part has arrived, without aggregating the body, and flushes once per
	 * read so the responses to one read go out in one write.
	 */
	private static final class AcceptingHandler extends ChannelInboundHandlerAdapter {

		private final AtomicLong responded;

		private boolean keepAlive = true;

		AcceptingHandler(AtomicLong responded) {
			this.responded = responded;
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			try {
				if (message instanceof HttpRequest request) {
					keepAlive = HttpUtil.isKeepAlive(request);
				}
				if (message instanceof LastHttpContent) {
					respond(context);
				}
			}
			finally {
				ReferenceCountUtil.release(message);
			}
		}

		private void respond(ChannelHandlerContext context) {
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
					HttpResponseStatus.ACCEPTED, Unpooled.EMPTY_BUFFER);
			response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
			responded.incrementAndGet();
			if (keepAlive) {
				context.write(response);
			}
			else {
				context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext context) {
			context.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			// A client that resets its connection ends only that connection. The load driver reports the failure.
			context.close();
		}
	}
}
