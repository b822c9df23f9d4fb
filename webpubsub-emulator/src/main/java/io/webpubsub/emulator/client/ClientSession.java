package io.webpubsub.emulator.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.webpubsub.emulator.hub.DataType;
import io.webpubsub.emulator.hub.Hub;
import io.webpubsub.emulator.hub.HubConnection;
import io.webpubsub.emulator.hub.Message;
import io.webpubsub.emulator.hub.Permission;
import io.webpubsub.emulator.upstream.UpstreamClient;
import io.webpubsub.emulator.upstream.UpstreamEvent;
import io.webpubsub.emulator.upstream.UpstreamReply;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Handles the frames of one client socket. JSON subprotocol messages join and leave groups, publish to groups and
 * ping, with an ack for every message that carries an {@code ackId}. An ack id that already succeeded gets a
 * {@code Duplicate} error instead of being processed again. A reliable client's {@code sequenceAck} releases the
 * messages it received. Frames of a socket that a recovery replaced are ignored.
 */
final class ClientSession extends SimpleChannelInboundHandler<WebSocketFrame> {

	private static final Logger logger = LoggerFactory.getLogger(ClientSession.class);

	private final WebSocketConnection connection;

	private final Hub hub;

	private final WebSocketServerHandshaker handshaker;

	private final JsonMapper jsonMapper;

	private final UpstreamClient upstream;

	ClientSession(WebSocketConnection connection, Hub hub, WebSocketServerHandshaker handshaker,
			JsonMapper jsonMapper, UpstreamClient upstream) {
		this.connection = connection;
		this.hub = hub;
		this.handshaker = handshaker;
		this.jsonMapper = jsonMapper;
		this.upstream = upstream;
	}

	@Override
	protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
		if (frame instanceof CloseWebSocketFrame close) {
			this.connection.onClientClose(context.channel(), close.statusCode());
			this.handshaker.close(context.channel(), close.retain());
			return;
		}
		if (frame instanceof PingWebSocketFrame ping) {
			context.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
			return;
		}
		if (frame instanceof PongWebSocketFrame || !this.connection.isCurrent(context.channel())) {
			return;
		}
		if (this.connection.clientProtocol() == ClientProtocol.RAW) {
			handleRawFrame(frame);
			return;
		}
		if (frame instanceof BinaryWebSocketFrame) {
			this.connection.closeWith(1003, "Binary frames are not supported by " + this.connection.protocol());
			return;
		}
		if (frame instanceof TextWebSocketFrame text) {
			handleJson(text.text());
		}
	}

	private void handleJson(String text) {
		JsonNode message;
		try {
			message = this.jsonMapper.readTree(text);
		}
		catch (JacksonException ex) {
			this.connection.closeWith(1007, "Invalid JSON message: " + ex.getOriginalMessage());
			return;
		}
		if (message == null || !message.isObject() || !message.path("type").isString()) {
			this.connection.closeWith(1007, "Invalid message: expected a JSON object with a 'type'");
			return;
		}
		Long ackId = ackId(message);
		if (ackId != null && this.connection.isProcessed(ackId)) {
			sendAck(ackId, "Duplicate", "Message with ack-id: " + ackId + " has been processed");
			return;
		}
		if (message.path("type").stringValue().equals("event")) {
			handleEvent(message, ackId);
			return;
		}
		String error = switch (message.path("type").stringValue()) {
			case "joinGroup" -> changeGroup(message, true);
			case "leaveGroup" -> changeGroup(message, false);
			case "sendToGroup" -> sendToGroup(message);
			case "ping" -> {
				this.connection.sendJson(this.jsonMapper.createObjectNode().put("type", "pong"));
				yield null;
			}
			case "sequenceAck" -> acknowledgeSequence(message);
			default -> "BadRequest:Unknown message type '" + message.path("type").stringValue() + "'";
		};
		acknowledge(ackId, error);
	}

	/** Sends the ack of a message, if it has an ack id; {@code error} is {@code name:message}, or null on success. */
	private void acknowledge(@Nullable Long ackId, @Nullable String error) {
		if (ackId == null) {
			return;
		}
		if (error == null) {
			this.connection.markProcessed(ackId);
			sendAck(ackId, null, null);
		}
		else {
			int separator = error.indexOf(':');
			sendAck(ackId, error.substring(0, separator), error.substring(separator + 1));
		}
	}

	/**
	 * Relays an {@code event} message upstream as a user event. The handler's reply, if any, reaches this client
	 * before the ack; a failed event gets an {@code InternalServerError} ack and leaves the connection open.
	 */
	private void handleEvent(JsonNode message, @Nullable Long ackId) {
		JsonNode eventNode = message.get("event");
		if (eventNode == null || !eventNode.isString() || eventNode.stringValue().isBlank()) {
			acknowledge(ackId, "BadRequest:'event' must name the event");
			return;
		}
		String dataTypeName = message.path("dataType").isString() ? message.path("dataType").stringValue() : "json";
		DataType dataType = DataType.fromWireName(dataTypeName);
		if (dataType == null) {
			acknowledge(ackId, "BadRequest:Unknown dataType '" + dataTypeName + "': use json, text or binary");
			return;
		}
		byte[] data;
		try {
			data = data(message.get("data"), dataType);
		}
		catch (IllegalArgumentException ex) {
			acknowledge(ackId, "BadRequest:" + ex.getMessage());
			return;
		}
		if (!this.upstream.hasUpstream(this.hub.name())) {
			acknowledge(ackId, "NotFound:No event handler is configured for hub '" + this.hub.name() + "'");
			return;
		}
		String eventName = eventNode.stringValue();
		this.connection.enqueue(() -> this.upstream.send(userEvent(eventName, dataType, data)).thenAccept((reply) -> {
			if (!reply.isSuccessful()) {
				acknowledge(ackId, "InternalServerError:" + failureMessage(reply, eventName));
				return;
			}
			applyReply(reply);
			acknowledge(ackId, null);
		}));
	}

	/**
	 * Returns the ack error message of a failed event: the handler's own text when it sent a short one, such as the
	 * reason a listener rejected the event, or else a generic message.
	 */
	private static String failureMessage(UpstreamReply reply, String eventName) {
		String text = new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8).strip();
		boolean plainText = reply.contentType() != null && reply.contentType().startsWith("text/plain");
		if (reply.status() >= 400 && plainText && !text.isEmpty() && text.length() <= 512) {
			return text;
		}
		return "The event handler failed to process event '" + eventName + "'";
	}

	/** Relays a plain client's frame upstream as a {@code message} event; a failed event closes with 1011. */
	private void handleRawFrame(WebSocketFrame frame) {
		if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
			return;
		}
		DataType dataType = (frame instanceof TextWebSocketFrame) ? DataType.TEXT : DataType.BINARY;
		byte[] data = io.netty.buffer.ByteBufUtil.getBytes(frame.content());
		if (!this.upstream.hasUpstream(this.hub.name())) {
			this.connection.closeWith(1011, "No event handler is configured for hub '" + this.hub.name() + "'");
			return;
		}
		this.connection.enqueue(() -> this.upstream.send(userEvent("message", dataType, data)).thenAccept((reply) -> {
			if (!reply.isSuccessful()) {
				this.connection.closeWith(1011, "The event handler failed to process the message");
				return;
			}
			applyReply(reply);
		}));
	}

	private UpstreamEvent userEvent(String eventName, DataType dataType, byte[] data) {
		String contentType = switch (dataType) {
			case TEXT -> "text/plain; charset=utf-8";
			case JSON -> "application/json";
			case BINARY -> "application/octet-stream";
		};
		return new UpstreamEvent(this.hub.name(), this.connection.connectionId(), this.connection.userId(),
				"azure.webpubsub.user." + eventName, eventName, this.connection.protocol(),
				this.connection.connectionState(), this.connection.nextEventId(), contentType, data);
	}

	/** Stores the connection state the handler set, and sends its reply data back to this client. */
	private void applyReply(UpstreamReply reply) {
		if (reply.connectionState() != null) {
			this.connection.setConnectionState(reply.connectionState());
		}
		if (reply.status() != 204 && reply.body().length > 0) {
			this.connection.send(Message.fromServer(DataType.fromContentType(reply.contentType()), reply.body()));
		}
	}

	/**
	 * Releases the buffered messages up to the acked sequence id, and returns {@code name:message} of the error or
	 * {@code null} on success. The plain JSON subprotocol has no sequence ids, so it ignores the message.
	 */
	private @Nullable String acknowledgeSequence(JsonNode message) {
		if (this.connection.clientProtocol() != ClientProtocol.RELIABLE_JSON) {
			return null;
		}
		JsonNode sequenceId = message.get("sequenceId");
		if (sequenceId == null || !sequenceId.isIntegralNumber() || !sequenceId.canConvertToLong()
				|| sequenceId.longValue() < 0) {
			return "BadRequest:'sequenceId' must be a non-negative integer";
		}
		this.connection.acknowledgeSequence(sequenceId.longValue());
		return null;
	}

	/** Joins or leaves a group; returns {@code name:message} of the error, or {@code null} on success. */
	private @Nullable String changeGroup(JsonNode message, boolean join) {
		String group = group(message);
		if (group == null) {
			return "BadRequest:'group' must be a group name of 1 to 1024 characters";
		}
		if (!this.connection.hasPermission(Permission.JOIN_LEAVE_GROUP, group)) {
			return "Forbidden:The connection has no permission to join or leave group '" + group + "'";
		}
		if (join) {
			this.hub.join(this.connection, group);
		}
		else {
			this.hub.leave(this.connection, group);
		}
		return null;
	}

	private @Nullable String sendToGroup(JsonNode message) {
		String group = group(message);
		if (group == null) {
			return "BadRequest:'group' must be a group name of 1 to 1024 characters";
		}
		if (!this.connection.hasPermission(Permission.SEND_TO_GROUP, group)) {
			return "Forbidden:The connection has no permission to send to group '" + group + "'";
		}
		String dataTypeName = message.path("dataType").isString() ? message.path("dataType").stringValue() : "json";
		DataType dataType = DataType.fromWireName(dataTypeName);
		if (dataType == null) {
			return "BadRequest:Unknown dataType '" + dataTypeName + "': use json, text or binary";
		}
		byte[] data;
		try {
			data = data(message.get("data"), dataType);
		}
		catch (IllegalArgumentException ex) {
			return "BadRequest:" + ex.getMessage();
		}
		boolean noEcho = message.path("noEcho").asBoolean(false);
		Message outgoing = new Message(dataType, data, Message.FROM_GROUP, group, this.connection.userId());
		for (HubConnection member : this.hub.groupMembers(group)) {
			if (!(noEcho && member == this.connection)) {
				member.send(outgoing);
			}
		}
		return null;
	}

	private static byte[] data(@Nullable JsonNode data, DataType dataType) {
		if (data == null || data.isNull() || data.isMissingNode()) {
			throw new IllegalArgumentException("'data' is missing");
		}
		return switch (dataType) {
			case JSON -> data.toString().getBytes(StandardCharsets.UTF_8);
			case TEXT -> {
				if (!data.isString()) {
					throw new IllegalArgumentException("'data' must be a string for dataType text");
				}
				yield data.stringValue().getBytes(StandardCharsets.UTF_8);
			}
			case BINARY -> {
				if (!data.isString()) {
					throw new IllegalArgumentException("'data' must be a base64 string for dataType binary");
				}
				yield Base64.getDecoder().decode(data.stringValue());
			}
		};
	}

	private static @Nullable String group(JsonNode message) {
		JsonNode group = message.get("group");
		if (group == null || !group.isString() || group.stringValue().isBlank() || group.stringValue().length() > 1024) {
			return null;
		}
		return group.stringValue();
	}

	private static @Nullable Long ackId(JsonNode message) {
		JsonNode ackId = message.get("ackId");
		return (ackId != null && ackId.canConvertToLong()) ? ackId.longValue() : null;
	}

	private void sendAck(long ackId, @Nullable String errorName, @Nullable String errorMessage) {
		ObjectNode ack = this.jsonMapper.createObjectNode().put("type", "ack").put("ackId", ackId)
			.put("success", errorName == null);
		if (errorName != null) {
			ack.putObject("error").put("name", errorName).put("message", errorMessage);
		}
		this.connection.sendJson(ack);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		logger.debug("Closing connection {} after a failure: {}", this.connection.connectionId(), cause.toString());
		context.close();
	}

}
