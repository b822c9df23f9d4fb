package io.webpubsub.benchmarks.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.webpubsub.benchmarks.driver.DriverLoop;
import io.webpubsub.spring.client.WebPubSubMessage;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The load process of the emulator comparison: it keeps many {@code json.webpubsub.azure.v1} WebSocket clients of
 * one server open and sends them {@code sendToAll} messages through the starter's {@link WebPubSubServiceClient}.
 *
 * <p>One thread sends, and it keeps a fixed window of messages in flight: it sends the next message when an earlier
 * one has reached every client. Each message carries a sequence number and its send time from
 * {@link System#nanoTime()}, so every client checks that it receives each message once and in order, and records
 * the delivery latency.
 *
 * <p>Arguments: the server's endpoint, the access key, the hub, the number of clients and the window. Commands:
 * {@code connect}, {@code disconnect} and {@code run <seconds>}.
 */
public final class BroadcastLoadGenerator implements AutoCloseable {

	/** Size of every message body, in bytes. */
	static final int MESSAGE_BYTES = 1024;

	private static final int CONNECT_BATCH = 100;

	private static final long CONNECT_TIMEOUT_SECONDS = 30;

	/** Maximum wait for a window slot. A lost message keeps its slot taken, so the run ends after this wait. */
	private static final long STALL_TIMEOUT_SECONDS = 10;

	/** Slots of the per-message receipt counts, far more than any window, so a slot is reused only when free. */
	private static final int RECEIPT_SLOTS = 1024;

	private static final long NOT_FOUND = Long.MIN_VALUE;

	/** Markers are searched in the first bytes of a frame only: the envelope and the message start with them. */
	private static final int MARKER_SEARCH_BYTES = 256;

	private static final byte[] SEQUENCE_MARKER = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SENT_AT_MARKER = "\"sentAt\":".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] CONNECTED_MARKER = "\"event\":\"connected\"".getBytes(StandardCharsets.US_ASCII);

	private static final String PADDING = "x".repeat(MESSAGE_BYTES);

	private final WebPubSubServiceClient serviceClient;

	private final URI webSocketUri;

	private final int clientCount;

	private final int window;

	private final EventLoopGroup eventLoopGroup = new MultiThreadIoEventLoopGroup(
			Runtime.getRuntime().availableProcessors(), NioIoHandler.newFactory());

	private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private final List<BroadcastClient> clients = new ArrayList<>();

	private final Semaphore inFlight;

	private final AtomicIntegerArray receipts = new AtomicIntegerArray(RECEIPT_SLOTS);

	private final Recorder latencyNanos = new Recorder(3);

	private final LongAdder deliveries = new LongAdder();

	private final LongAdder losses = new LongAdder();

	private final LongAdder outOfOrder = new LongAdder();

	private final LongAdder malformed = new LongAdder();

	private final LongAdder closedClients = new LongAdder();

	private final AtomicLong lastCompletion = new AtomicLong();

	/** Sequence number of the next message, which clients that connect later expect first. */
	private volatile long nextSequence;

	private volatile boolean disconnecting;

	BroadcastLoadGenerator(String endpoint, String accessKey, String hub, int clientCount, int window) {
		this.serviceClient = WebPubSubServiceClient.builder()
			.connectionString("Endpoint=" + endpoint + ";AccessKey=" + accessKey + ";Version=1.0;")
			.hub(hub)
			.build();
		this.webSocketUri = URI.create(serviceClient.getClientAccessToken().url());
		this.clientCount = clientCount;
		this.window = window;
		this.inFlight = new Semaphore(window);
	}

	public static void main(String[] arguments) throws Exception {
		if (arguments.length != 5) {
			System.err.println("Usage: BroadcastLoadGenerator <endpoint> <access key> <hub> <clients> <window>");
			System.exit(2);
		}
		int clientCount = Integer.parseInt(arguments[3]);
		int window = Integer.parseInt(arguments[4]);
		try (BroadcastLoadGenerator load = new BroadcastLoadGenerator(arguments[0], arguments[1], arguments[2],
				clientCount, window)) {
			DriverLoop.serve(Map.of("clients", clientCount, "window", window), load::handle);
		}
	}

	private Map<String, ?> handle(String[] words) throws Exception {
		return switch (words[0]) {
			case "connect" -> connect();
			case "disconnect" -> disconnect();
			case "run" -> {
				if (words.length != 2) {
					throw new IllegalArgumentException("Missing run length: use 'run <seconds>'");
				}
				yield run(Duration.ofMillis(Math.round(Double.parseDouble(words[1]) * 1000)));
			}
			default -> throw new IllegalArgumentException(
					"Unknown command '" + words[0] + "': use connect, disconnect or run <seconds>");
		};
	}

	/** Opens every client, in batches that keep the server's accept queue short, and waits for each connected frame. */
	private Map<String, ?> connect() throws Exception {
		if (!clients.isEmpty()) {
			throw new IllegalStateException(clients.size() + " clients are connected already: send disconnect first");
		}
		long started = System.nanoTime();
		WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(webSocketUri)
			.subprotocol(BroadcastCeilingServer.SUBPROTOCOL)
			.handshakeTimeoutMillis(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_SECONDS))
			// The messages are ASCII, and validating UTF-8 would only add the same load-side cost for both servers.
			.withUTF8Validator(false)
			.build();
		try {
			for (int first = 0; first < clientCount; first += CONNECT_BATCH) {
				List<CompletableFuture<Void>> batch = new ArrayList<>();
				for (int index = first; index < Math.min(first + CONNECT_BATCH, clientCount); index++) {
					BroadcastClient client = new BroadcastClient(nextSequence);
					clients.add(client);
					batch.add(client.connected);
					open(client, config);
				}
				CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new))
					.get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			// Closes the clients that did connect, so a later connect starts from none.
			disconnect();
			throw ex;
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("connected", clients.size());
		figures.put("seconds", (System.nanoTime() - started) / 1e9);
		return figures;
	}

	private void open(BroadcastClient client, WebSocketClientProtocolConfig config) {
		new Bootstrap().group(eventLoopGroup)
			.channel(NioSocketChannel.class)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpClientCodec())
						.addLast(new HttpObjectAggregator(64 * 1024))
						.addLast(new WebSocketClientProtocolHandler(config))
						.addLast(client);
				}
			})
			.connect(webSocketUri.getHost(), webSocketUri.getPort())
			.addListener((ChannelFutureListener) future -> {
				if (!future.isSuccess()) {
					client.connected.completeExceptionally(future.cause());
					return;
				}
				Channel channel = future.channel();
				channels.add(channel);
				channel.closeFuture().addListener(closed -> {
					if (!disconnecting) {
						closedClients.increment();
					}
					client.connected.completeExceptionally(
							new IllegalStateException("The server closed a client before its connected frame"));
				});
			});
	}

	private Map<String, ?> disconnect() {
		disconnecting = true;
		int count = clients.size();
		channels.close().awaitUninterruptibly(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		clients.clear();
		disconnecting = false;
		return Map.of("disconnected", count);
	}

	/**
	 * Sends messages for the given time, then waits for those in flight, and returns the figures of the run. A run
	 * whose window stays full for {@value #STALL_TIMEOUT_SECONDS} s ends early with {@code stalled=1}.
	 */
	private Map<String, ?> run(Duration length) throws InterruptedException {
		if (clients.size() != clientCount) {
			throw new IllegalStateException(clients.size() + " of " + clientCount
					+ " clients are connected: send connect first");
		}
		deliveries.reset();
		losses.reset();
		outOfOrder.reset();
		malformed.reset();
		latencyNanos.reset();
		lastCompletion.set(0);
		long closedBefore = closedClients.sum();
		long firstSequence = nextSequence;
		double cpuBefore = DriverLoop.processCpuSeconds();

		long started = System.nanoTime();
		long deadline = started + length.toNanos();
		boolean stalled = false;
		while (System.nanoTime() < deadline) {
			if (!inFlight.tryAcquire(STALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				stalled = true;
				break;
			}
			long sequence = nextSequence;
			receipts.set(slot(sequence), 0);
			nextSequence = sequence + 1;
			serviceClient.sendToAll(WebPubSubMessage.rawJson(message(sequence, System.nanoTime())));
		}

		// Waits for the messages still in flight, so each run counts only its own deliveries.
		boolean drained = inFlight.tryAcquire(window, STALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		long ended = drained && lastCompletion.get() != 0 ? lastCompletion.get() : System.nanoTime();
		long unfinished = drained ? 0 : unfinishedReceipts(firstSequence);
		if (!drained) {
			stalled = true;
			inFlight.drainPermits();
		}
		inFlight.release(window);

		Histogram latency = latencyNanos.getIntervalHistogram();
		double seconds = (ended - started) / 1e9;
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("messages", nextSequence - firstSequence);
		figures.put("deliveries", deliveries.sum());
		figures.put("seconds", seconds);
		figures.put("deliveries_per_second", deliveries.sum() / seconds);
		figures.put("p50_ms", latency.getValueAtPercentile(50) / 1e6);
		figures.put("p99_ms", latency.getValueAtPercentile(99) / 1e6);
		figures.put("max_ms", latency.getMaxValue() / 1e6);
		figures.put("losses", losses.sum() + unfinished);
		figures.put("out_of_order", outOfOrder.sum());
		figures.put("malformed", malformed.sum());
		figures.put("closed_clients", closedClients.sum() - closedBefore);
		figures.put("stalled", stalled ? 1 : 0);
		figures.put("cpu_seconds", DriverLoop.processCpuSeconds() - cpuBefore);
		return figures;
	}

	/** Returns the receipts still missing for the messages since the given one, which a stalled run never got. */
	private long unfinishedReceipts(long firstSequence) {
		long missing = 0;
		for (long sequence = Math.max(firstSequence, nextSequence - RECEIPT_SLOTS); sequence < nextSequence; sequence++) {
			missing += Math.max(0, clientCount - receipts.get(slot(sequence)));
		}
		return missing;
	}

	/** Returns a JSON message of exactly {@value #MESSAGE_BYTES} bytes that starts with its sequence and send time. */
	static String message(long sequence, long sentAtNanos) {
		StringBuilder json = new StringBuilder(MESSAGE_BYTES).append("{\"seq\":")
			.append(sequence)
			.append(",\"sentAt\":")
			.append(sentAtNanos)
			.append(",\"pad\":\"");
		int padding = MESSAGE_BYTES - json.length() - 2;
		return json.append(PADDING, 0, padding).append("\"}").toString();
	}

	private void recordDelivery(long sequence, long sentAtNanos, long receivedNanos) {
		latencyNanos.recordValue(Math.max(0, receivedNanos - sentAtNanos));
		deliveries.increment();
		countReceipt(sequence, receivedNanos);
	}

	/** Counts a message a client skipped as lost, and as received for the window, so the run can go on. */
	private void recordLoss(long sequence, long receivedNanos) {
		losses.increment();
		countReceipt(sequence, receivedNanos);
	}

	private void countReceipt(long sequence, long receivedNanos) {
		if (receipts.incrementAndGet(slot(sequence)) == clientCount) {
			lastCompletion.accumulateAndGet(receivedNanos, Math::max);
			inFlight.release();
		}
	}

	private static int slot(long sequence) {
		return (int) Math.floorMod(sequence, (long) RECEIPT_SLOTS);
	}

	@Override
	public void close() {
		serviceClient.close();
		eventLoopGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

	/** One WebSocket client: it checks the order of the messages it receives and reports each delivery. */
	private final class BroadcastClient extends SimpleChannelInboundHandler<WebSocketFrame> {

		final CompletableFuture<Void> connected = new CompletableFuture<>();

		/** Sequence number of the next message, read and written on the channel's event loop only. */
		private long expectedSequence;

		BroadcastClient(long expectedSequence) {
			this.expectedSequence = expectedSequence;
		}

		@Override
		protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
			if (!(frame instanceof TextWebSocketFrame)) {
				return;
			}
			long receivedNanos = System.nanoTime();

			ByteBuf content = frame.content();
			int sequenceIndex = indexAfter(content, SEQUENCE_MARKER);
			if (sequenceIndex < 0) {
				if (indexAfter(content, CONNECTED_MARKER) >= 0) {
					connected.complete(null);
				}
				return;
			}

			long sequence = parseLong(content, sequenceIndex);
			int sentAtIndex = indexAfter(content, SENT_AT_MARKER);
			long sentAtNanos = (sentAtIndex < 0) ? NOT_FOUND : parseLong(content, sentAtIndex);
			if (sequence == NOT_FOUND || sentAtNanos == NOT_FOUND) {
				malformed.increment();
				return;
			}
			if (sequence < expectedSequence) {
				outOfOrder.increment();
				return;
			}

			for (long missed = expectedSequence; missed < sequence; missed++) {
				if (sequence - missed < RECEIPT_SLOTS) {
					recordLoss(missed, receivedNanos);
				}
				else {
					losses.increment();
				}
			}

			expectedSequence = sequence + 1;
			recordDelivery(sequence, sentAtNanos, receivedNanos);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			System.err.println("Closing a client after a failure: " + cause);
			connected.completeExceptionally(cause);
			context.close();
		}

	}

	/** Returns the index just after the marker within the first bytes of the buffer, or -1. */
	private static int indexAfter(ByteBuf buffer, byte[] marker) {
		int start = buffer.readerIndex();
		int last = Math.min(buffer.writerIndex(), start + MARKER_SEARCH_BYTES) - marker.length;
		for (int index = start; index <= last; index++) {
			int matched = 0;
			while (matched < marker.length && buffer.getByte(index + matched) == marker[matched]) {
				matched++;
			}
			if (matched == marker.length) {
				return index + marker.length;
			}
		}
		return -1;
	}

	/** Parses the decimal integer that starts at the index, or returns {@link #NOT_FOUND} if none does. */
	private static long parseLong(ByteBuf buffer, int index) {
		boolean negative = index < buffer.writerIndex() && buffer.getByte(index) == '-';
		int position = negative ? index + 1 : index;
		long value = 0;
		int digits = 0;
		while (position < buffer.writerIndex()) {
			byte character = buffer.getByte(position);
			if (character < '0' || character > '9') {
				break;
			}
			value = value * 10 + (character - '0');
			digits++;
			position++;
		}
		if (digits == 0) {
			return NOT_FOUND;
		}
		return negative ? -value : value;
	}
}
