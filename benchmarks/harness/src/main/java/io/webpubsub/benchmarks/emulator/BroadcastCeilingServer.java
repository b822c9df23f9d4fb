package io.webpubsub.benchmarks.emulator;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelMatchers;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.webpubsub.benchmarks.driver.DriverLoop;

/**
 * The ceiling of the emulator comparison: the least a Netty server must do to broadcast the emulator's frames.
 *
 * <p>It upgrades {@code /client/hubs/{hub}} to a WebSocket with the {@code json.webpubsub.azure.v1} subprotocol and
 * sends a {@code connected} frame. On {@code POST /api/hubs/{hub}/:send} it wraps the body in the emulator's
 * {@code message} envelope once, writes retained duplicates of that one frame to every client through a
 * {@link ChannelGroup}, and responds with 202. It checks no token and no API version, and it treats every body as JSON. It
 * uses Netty's default number of event-loop threads, twice the number of cores, as the emulator does.
 *
 * <p>It takes the port as its argument, prints {@code READY port=N} once it listens, and stops when standard input
 * closes.
 */
public final class BroadcastCeilingServer implements AutoCloseable {

	static final String SUBPROTOCOL = "json.webpubsub.azure.v1";

	private static final byte[] ENVELOPE_START = "{\"type\":\"message\",\"from\":\"server\",\"dataType\":\"json\",\"data\":"
		.getBytes(StandardCharsets.UTF_8);

	private static final byte[] ENVELOPE_END = "}".getBytes(StandardCharsets.UTF_8);

	private static final int MAX_BODY_BYTES = 1024 * 1024;

	private final EventLoopGroup bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

	private final EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());

	private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private final Channel serverChannel;

	BroadcastCeilingServer(int port) throws InterruptedException {
		ServerBootstrap bootstrap = new ServerBootstrap().group(bossGroup, workerGroup)
			.channel(NioServerSocketChannel.class)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpServerCodec())
						.addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
						.addLast(new RequestHandler());
				}
			});
		this.serverChannel = bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
	}

	public static void main(String[] arguments) throws Exception {
		if (arguments.length != 1) {
			System.err.println("Usage: BroadcastCeilingServer <port, 0 for any free port>");
			System.exit(2);
		}
		try (BroadcastCeilingServer server = new BroadcastCeilingServer(Integer.parseInt(arguments[0]))) {
			DriverLoop.serve(Map.of("port", server.port()), words -> {
				throw new IllegalArgumentException("This process takes no commands");
			});
		}
	}

	int port() {
		return ((InetSocketAddress) serverChannel.localAddress()).getPort();
	}

	@Override
	public void close() {
		serverChannel.close().syncUninterruptibly();
		bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
		workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

	/** Routes each HTTP request: a WebSocket upgrade, a sendToAll, or 404 for anything else. */
	private final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

		@Override
		protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
			String path = new QueryStringDecoder(request.uri()).path();
			if (path.startsWith("/client/hubs/")) {
				upgrade(context, request, path);
				return;
			}
			if (request.method().equals(HttpMethod.POST) && path.startsWith("/api/hubs/") && path.endsWith("/:send")) {
				broadcast(request.content());
				respond(context, request, HttpResponseStatus.ACCEPTED);
				return;
			}
			respond(context, request, HttpResponseStatus.NOT_FOUND);
		}

		private void upgrade(ChannelHandlerContext context, FullHttpRequest request, String path) {
			String host = request.headers().get(HttpHeaderNames.HOST, "127.0.0.1");
			WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory("ws://" + host + path,
					SUBPROTOCOL, false).newHandshaker(request);
			if (handshaker == null) {
				WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(context.channel());
				return;
			}
			Channel channel = context.channel();
			context.pipeline().replace(this, "client", new ClientHandler(handshaker));
			handshaker.handshake(channel, request).addListener((ChannelFutureListener) future -> {
				if (future.isSuccess()) {
					clients.add(channel);
					channel.writeAndFlush(new TextWebSocketFrame("{\"type\":\"system\",\"event\":\"connected\","
							+ "\"userId\":null,\"connectionId\":\"" + channel.id().asShortText() + "\"}"));
				}
			});
		}

		/**
		 * Writes one frame, encoded once, to every client: the group writes a retained duplicate to each, with void
		 * promises because no caller waits for the writes.
		 */
		private void broadcast(ByteBuf body) {
			ByteBuf frame = Unpooled.buffer(ENVELOPE_START.length + body.readableBytes() + ENVELOPE_END.length)
				.writeBytes(ENVELOPE_START)
				.writeBytes(body, body.readerIndex(), body.readableBytes())
				.writeBytes(ENVELOPE_END);
			clients.writeAndFlush(new TextWebSocketFrame(frame), ChannelMatchers.all(), true);
		}

		private static void respond(ChannelHandlerContext context, FullHttpRequest request,
				HttpResponseStatus status) {
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
			HttpUtil.setContentLength(response, 0);
			boolean keepAlive = HttpUtil.isKeepAlive(request);
			HttpUtil.setKeepAlive(response, keepAlive);
			var written = context.writeAndFlush(response);
			if (!keepAlive) {
				written.addListener(ChannelFutureListener.CLOSE);
			}
		}

	}

	/** Responds to the control frames of one client and ignores its data frames. */
	private static final class ClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

		private final WebSocketServerHandshaker handshaker;

		ClientHandler(WebSocketServerHandshaker handshaker) {
			this.handshaker = handshaker;
		}

		@Override
		protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
			if (frame instanceof CloseWebSocketFrame close) {
				handshaker.close(context.channel(), close.retain());
			}
			else if (frame instanceof PingWebSocketFrame ping) {
				context.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			System.err.println("Closing client " + context.channel().id().asShortText() + " after a failure: " + cause);
			context.close();
		}

	}
}
