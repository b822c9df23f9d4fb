package io.webpubsub.emulator.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.webpubsub.emulator.hub.DataType;
import io.webpubsub.emulator.hub.HubConnection;
import io.webpubsub.emulator.hub.Message;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client connected over WebSocket. A plain client receives each message as a bare frame; a JSON subprotocol client
 * receives it wrapped in a {@code message} envelope that names the data type.
 * <p>
 * A reliable JSON client also gets a sequence id on every {@code message} envelope, and the connection buffers each
 * envelope until the client acks its sequence id. When the socket drops, the connection stays in the hub for the
 * recovery window, so the client can recover it on a new socket with its reconnection token and receive the
 * unacknowledged messages again. Every other connection ends when its socket closes.
 */
final class WebSocketConnection extends HubConnection {

	private static final Logger logger = LoggerFactory.getLogger(WebSocketConnection.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final ClientProtocol protocol;

	private final JsonMapper jsonMapper;

	private final AtomicLong nextEventId = new AtomicLong(1);

	/** Ack ids of the client's messages that succeeded, kept across recoveries so a resent message is a duplicate. */
	private final Set<Long> processedAckIds = ConcurrentHashMap.newKeySet();

	private final ReliableOptions reliableOptions;

	/** Messages that the client has not acked, for the reliable protocol only. Guarded by this. */
	private final @Nullable UnackedMessages unacked;

	private final @Nullable String reconnectionToken;

	private volatile @Nullable String connectionState;

	private volatile String closeReason = "";

	/** The upstream events of this connection run one after another, in the order the client sent them. */
	private CompletableFuture<?> eventQueue = CompletableFuture.completedFuture(null);

	/** The client's socket, or {@code null} while a dropped reliable connection waits for recovery. */
	private volatile @Nullable Channel channel;

	/** Whether the close of the current socket ends the connection, because the service or a normal close closed it. */
	private boolean endOnClose;

	private boolean ended;

	/** The number of drops so far, so that the timer of an earlier drop does not end a recovered connection. */
	private long drops;

	private @Nullable ScheduledFuture<?> recoveryDeadline;

	private volatile Consumer<WebSocketConnection> endListener = (connection) -> {
	};

	WebSocketConnection(String hub, String connectionId, @Nullable String userId, ClientProtocol protocol,
			@Nullable String subprotocol, Collection<String> roles, Channel channel, JsonMapper jsonMapper,
			ReliableOptions reliableOptions) {
		super(hub, connectionId, userId, subprotocol, roles);
		this.channel = channel;
		this.protocol = protocol;
		this.jsonMapper = jsonMapper;
		this.reliableOptions = reliableOptions;
		if (protocol == ClientProtocol.RELIABLE_JSON) {
			this.unacked = new UnackedMessages(reliableOptions.maxUnackedMessages(), reliableOptions.maxUnackedBytes());
			byte[] token = new byte[32];
			RANDOM.nextBytes(token);
			this.reconnectionToken = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
		}
		else {
			this.unacked = null;
			this.reconnectionToken = null;
		}
	}

	/** Returns the connection state the upstream last set, as the header value, or {@code null}. */
	@Nullable String connectionState() {
		return this.connectionState;
	}

	void setConnectionState(@Nullable String connectionState) {
		this.connectionState = connectionState;
	}

	/** Returns the CloudEvents id of the next event: 0 is the connect event, later events count up from 1. */
	long nextEventId() {
		return this.nextEventId.getAndIncrement();
	}

	/**
	 * Returns the reason the service closed the connection with, or an empty reason when the client closed it. A
	 * reliable connection that was not recovered, or whose buffer overflowed, has a reason that states why.
	 */
	String closeReason() {
		return this.closeReason;
	}

	/** Runs a task after every task queued before it has completed. */
	synchronized void enqueue(Supplier<CompletableFuture<?>> task) {
		this.eventQueue = this.eventQueue.handle((result, failure) -> null).thenCompose((ignored) -> task.get());
	}

	ClientProtocol clientProtocol() {
		return this.protocol;
	}

	/** Returns whether the socket is the one the client is connected with now, not one that a recovery replaced. */
	boolean isCurrent(Channel socket) {
		return this.channel == socket;
	}

	boolean isProcessed(long ackId) {
		return this.processedAckIds.contains(ackId);
	}

	void markProcessed(long ackId) {
		this.processedAckIds.add(ackId);
	}

	/** Sets what runs once when the connection ends for good, such as removal from the hub. */
	void onEnded(Consumer<WebSocketConnection> listener) {
		this.endListener = listener;
	}

	/** Sends the {@code connected} system message, with the reconnection token for the reliable protocol. */
	void sendConnected() {
		sendJson(connectedMessage());
	}

	@Override
	public void send(Message message) {
		if (this.protocol == ClientProtocol.RAW) {
			write((message.dataType() == DataType.BINARY)
					? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message.data()))
					: new TextWebSocketFrame(Unpooled.wrappedBuffer(message.data())));
			return;
		}
		if (this.protocol == ClientProtocol.RELIABLE_JSON) {
			sendSequenced(message);
			return;
		}
		// The message keeps its encoded envelope, so every connection of a broadcast wraps the same bytes.
		write(new TextWebSocketFrame(Unpooled.wrappedBuffer(message.jsonEnvelope(null))));
	}

	/** Sends a JSON message of the subprotocol, such as an ack. */
	void sendJson(JsonNode json) {
		write(new TextWebSocketFrame(json.toString()));
	}

	@Override
	public void close(String reason) {
		this.closeReason = reason;
		if (this.protocol.isJson()) {
			sendJson(this.jsonMapper.createObjectNode()
				.put("type", "system")
				.put("event", "disconnected")
				.put("message", reason));
		}
		closeWith(1000, reason);
	}

	/**
	 * Closes the socket with a close code, such as 1007 for an invalid message, and ends the connection without a
	 * recovery window. A reliable connection that is waiting for recovery ends at once.
	 */
	void closeWith(int code, String reason) {
		Channel socket;
		synchronized (this) {
			if (this.ended) {
				return;
			}
			this.endOnClose = true;
			socket = this.channel;
			if (socket == null) {
				markEnded();
			}
		}
		if (socket == null) {
			this.endListener.accept(this);
			return;
		}
		if (socket.isActive()) {
			socket.writeAndFlush(new CloseWebSocketFrame(code, truncate(reason)))
				.addListener(ChannelFutureListener.CLOSE);
		}
	}

	/** Records a close frame from the client: a normal close (1000) ends the connection instead of keeping it. */
	synchronized void onClientClose(Channel socket, int statusCode) {
		if (statusCode == 1000 && socket == this.channel) {
			this.endOnClose = true;
		}
	}

	/**
	 * Handles the close of a socket of this connection. A reliable connection whose socket dropped waits for
	 * recovery, and any other close ends the connection. The close of a socket that a recovery replaced is ignored.
	 */
	void onSocketClosed(Channel socket) {
		boolean end;
		synchronized (this) {
			if (this.ended || socket != this.channel) {
				return;
			}
			this.channel = null;
			end = this.protocol != ClientProtocol.RELIABLE_JSON || this.endOnClose || !scheduleExpiry(socket);
			if (end) {
				markEnded();
			}
		}
		if (end) {
			this.endListener.accept(this);
		}
		else {
			logger.debug("Connection {} of hub {} dropped; it can be recovered within {} ms", connectionId(), hub(),
					this.reliableOptions.recoveryWindow().toMillis());
		}
	}

	/**
	 * Returns why the client cannot recover this connection with the token, or {@code null} when it can. Because the
	 * connection may end before the upgrade completes, {@link #recover(Channel)} checks that again.
	 */
	@Nullable String recoveryFailure(String token) {
		if (this.reconnectionToken == null) {
			return "Connection " + connectionId() + " does not use " + ClientProtocol.RELIABLE_JSON.subprotocolName()
					+ " and cannot be recovered";
		}
		if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
				this.reconnectionToken.getBytes(StandardCharsets.UTF_8))) {
			return "Invalid reconnection token for connection " + connectionId();
		}
		synchronized (this) {
			if (this.ended || this.endOnClose) {
				return "Connection " + connectionId() + " has been closed";
			}
		}
		return null;
	}

	/**
	 * Moves the connection to a recovering client's socket, then sends the {@code connected} message and every
	 * unacknowledged message with its original sequence id. A socket that is still open is closed without ending
	 * the connection. Call it on the new socket's event loop.
	 * @return {@code false} if the connection has ended, so it cannot be recovered
	 */
	boolean recover(Channel socket) {
		int replayed;
		synchronized (this) {
			if (this.ended || this.endOnClose || this.unacked == null) {
				return false;
			}
			if (this.recoveryDeadline != null) {
				this.recoveryDeadline.cancel(false);
				this.recoveryDeadline = null;
			}
			Channel previous = this.channel;
			this.channel = socket;
			if (previous != null) {
				previous.close();
			}
			sendConnected();
			List<byte[]> frames = this.unacked.frames();
			frames.forEach((frame) -> writeInOrder(socket, frame));
			replayed = frames.size();
		}
		logger.debug("Connection {} of hub {} recovered; {} unacknowledged messages sent again", connectionId(), hub(),
				replayed);
		return true;
	}

	/** Drops every buffered message up to and including the sequence id, which the client acked. */
	synchronized void acknowledgeSequence(long sequenceId) {
		if (this.unacked != null) {
			this.unacked.acknowledge(sequenceId);
		}
	}

	private ObjectNode connectedMessage() {
		ObjectNode connected = this.jsonMapper.createObjectNode()
			.put("type", "system")
			.put("event", "connected")
			.put("userId", userId())
			.put("connectionId", connectionId());
		if (this.reconnectionToken != null) {
			connected.put("reconnectionToken", this.reconnectionToken);
		}
		return connected;
	}

	/**
	 * Numbers and buffers a message for a reliable client, and writes it unless the socket dropped. A full buffer
	 * closes the connection with 1008 and ends it, because the client would miss the message.
	 */
	private void sendSequenced(Message message) {
		UnackedMessages buffer = this.unacked;
		if (buffer == null) {
			throw new IllegalStateException("Connection " + connectionId() + " does not use the reliable protocol");
		}
		synchronized (this) {
			if (this.ended || this.endOnClose) {
				return;
			}
			byte[] frame = message.jsonEnvelope(buffer.nextSequenceId());
			if (buffer.add(frame)) {
				Channel socket = this.channel;
				if (socket != null) {
					writeInOrder(socket, frame);
				}
				return;
			}
		}
		String reason = "Too many unacknowledged messages: the limit is " + this.reliableOptions.maxUnackedMessages()
				+ " messages or " + this.reliableOptions.maxUnackedBytes() + " bytes";
		logger.debug("Closing connection {} of hub {}: {}", connectionId(), hub(), reason);
		this.closeReason = reason;
		closeWith(1008, reason);
	}

	/**
	 * Writes a sequenced frame through the socket's event loop, so frames reach the client in sequence order even
	 * when several threads send to the connection. Callers hold the lock of this connection.
	 */
	private static void writeInOrder(Channel socket, byte[] frame) {
		try {
			socket.eventLoop().execute(() -> {
				if (socket.isActive()) {
					socket.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)));
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// The server is shutting down; the frame stays in the buffer.
		}
	}

	/** Starts the recovery window; returns {@code false} when the event loop is shutting down with the server. */
	private boolean scheduleExpiry(Channel socket) {
		long drop = ++this.drops;
		try {
			this.recoveryDeadline = socket.eventLoop().schedule(() -> expire(drop),
					this.reliableOptions.recoveryWindow().toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	private void expire(long drop) {
		synchronized (this) {
			if (this.ended || drop != this.drops || this.channel != null) {
				return;
			}
			this.closeReason = "The connection was not recovered within "
					+ this.reliableOptions.recoveryWindow().toMillis() + " ms";
			markEnded();
		}
		logger.debug("Connection {} of hub {}: {}", connectionId(), hub(), this.closeReason);
		this.endListener.accept(this);
	}

	/** Marks the connection ended. The caller runs the end listener after releasing the lock. */
	private void markEnded() {
		this.ended = true;
		if (this.recoveryDeadline != null) {
			this.recoveryDeadline.cancel(false);
			this.recoveryDeadline = null;
		}
	}

	private void write(WebSocketFrame frame) {
		Channel socket = this.channel;
		if (socket != null && socket.isActive()) {
			socket.writeAndFlush(frame);
		}
		else {
			frame.release();
		}
	}

	/** Close reasons are limited to 123 bytes by the WebSocket protocol. */
	static String truncate(String reason) {
		byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= 123) {
			return reason;
		}
		return new String(bytes, 0, 120, StandardCharsets.UTF_8) + "...";
	}

}
