package io.webpubsub.emulator.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.webpubsub.emulator.hub.DataType;
import io.webpubsub.emulator.hub.HubConnection;
import io.webpubsub.emulator.hub.Message;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client connected over WebSocket. A plain client receives each message as a bare frame; a JSON subprotocol client
 * receives it wrapped in a {@code message} envelope that names the data type.
 */
final class WebSocketConnection extends HubConnection {

	private final Channel channel;

	private final ClientProtocol protocol;

	private final JsonMapper jsonMapper;

	private final AtomicLong nextEventId = new AtomicLong(1);

	private volatile @Nullable String connectionState;

	private volatile String closeReason = "";

	/** The upstream events of this connection run one after another, in the order the client sent them. */
	private CompletableFuture<?> eventQueue = CompletableFuture.completedFuture(null);

	WebSocketConnection(String hub, String connectionId, @Nullable String userId, ClientProtocol protocol,
			@Nullable String subprotocol, Collection<String> roles, Channel channel, JsonMapper jsonMapper) {
		super(hub, connectionId, userId, subprotocol, roles);
		this.channel = channel;
		this.protocol = protocol;
		this.jsonMapper = jsonMapper;
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

	/** Returns the reason the service closed the connection with, or an empty reason when the client closed it. */
	String closeReason() {
		return this.closeReason;
	}

	/** Runs a task after every task queued before it has completed. */
	synchronized void enqueue(Supplier<CompletableFuture<?>> task) {
		this.eventQueue = this.eventQueue.handle((result, failure) -> null).thenCompose((ignored) -> task.get());
	}

	Channel channel() {
		return this.channel;
	}

	ClientProtocol clientProtocol() {
		return this.protocol;
	}

	@Override
	public void send(Message message) {
		if (this.protocol == ClientProtocol.RAW) {
			write((message.dataType() == DataType.BINARY)
					? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message.data()))
					: new TextWebSocketFrame(Unpooled.wrappedBuffer(message.data())));
			return;
		}
		ObjectNode envelope = this.jsonMapper.createObjectNode().put("type", "message").put("from", message.source());
		if (message.group() != null) {
			envelope.put("group", message.group());
		}
		if (message.fromUserId() != null) {
			envelope.put("fromUserId", message.fromUserId());
		}
		envelope.put("dataType", message.dataType().wireName());
		envelope.set("data", data(message));
		sendJson(envelope);
	}

	/** Sends a JSON message of the subprotocol, such as an ack. */
	void sendJson(JsonNode json) {
		write(new TextWebSocketFrame(json.toString()));
	}

	@Override
	public void close(String reason) {
		this.closeReason = reason;
		if (this.protocol == ClientProtocol.JSON) {
			sendJson(this.jsonMapper.createObjectNode()
				.put("type", "system")
				.put("event", "disconnected")
				.put("message", reason));
		}
		closeWith(1000, reason);
	}

	/** Closes the socket with a close code, such as 1007 for an invalid message. */
	void closeWith(int code, String reason) {
		if (this.channel.isActive()) {
			this.channel.writeAndFlush(new CloseWebSocketFrame(code, truncate(reason)))
				.addListener(ChannelFutureListener.CLOSE);
		}
	}

	private JsonNode data(Message message) {
		return switch (message.dataType()) {
			case BINARY -> this.jsonMapper.getNodeFactory().stringNode(Base64.getEncoder().encodeToString(message.data()));
			case TEXT -> this.jsonMapper.getNodeFactory().stringNode(new String(message.data(), StandardCharsets.UTF_8));
			case JSON -> parseOrText(message.data());
		};
	}

	/** Returns the JSON value of the data, or the data as a string when it is not valid JSON. */
	private JsonNode parseOrText(byte[] data) {
		try {
			JsonNode node = this.jsonMapper.readTree(data);
			if (node != null && !node.isMissingNode()) {
				return node;
			}
		}
		catch (JacksonException ex) {
			// Sent as a string below: the REST API does not check that a JSON body is valid JSON.
		}
		return this.jsonMapper.getNodeFactory().stringNode(new String(data, StandardCharsets.UTF_8));
	}

	private void write(WebSocketFrame frame) {
		if (this.channel.isActive()) {
			this.channel.writeAndFlush(frame);
		}
		else {
			frame.release();
		}
	}

	/** Close reasons are limited to 123 bytes by the WebSocket protocol. */
	private static String truncate(String reason) {
		byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= 123) {
			return reason;
		}
		return new String(bytes, 0, 120, StandardCharsets.UTF_8) + "...";
	}

}
