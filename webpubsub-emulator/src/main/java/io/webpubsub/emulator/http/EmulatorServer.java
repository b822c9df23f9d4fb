package io.webpubsub.emulator.http;

import java.net.InetSocketAddress;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.webpubsub.emulator.client.ClientEndpoint;

/**
 * The Netty server of the emulator. Bodies over 1 MB get 413 from the aggregator before they reach
 * the REST API.
 */
public final class EmulatorServer implements AutoCloseable {

	private final EventLoopGroup bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

	private final EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());

	private final Channel channel;

	/**
	 * Starts listening.
	 * @param address the address to bind, such as 127.0.0.1 with port 0 for any free port
	 * @throws InterruptedException if interrupted while binding
	 */
	public EmulatorServer(InetSocketAddress address, RestApi restApi, ClientEndpoint clientEndpoint)
			throws InterruptedException {
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.bossGroup, this.workerGroup)
			.channel(NioServerSocketChannel.class)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpServerCodec())
						.addLast(new HttpObjectAggregator(RestApi.MAX_BODY_BYTES))
						.addLast(new HttpRouter(restApi, clientEndpoint));
				}
			});
		try {
			this.channel = bootstrap.bind(address).sync().channel();
		}
		catch (InterruptedException | RuntimeException ex) {
			shutdown();
			throw ex;
		}
	}

	/** Returns the port the server listens on. */
	public int port() {
		return ((InetSocketAddress) this.channel.localAddress()).getPort();
	}

	@Override
	public void close() {
		this.channel.close().syncUninterruptibly();
		shutdown();
	}

	private void shutdown() {
		this.bossGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
		this.workerGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
	}

}
