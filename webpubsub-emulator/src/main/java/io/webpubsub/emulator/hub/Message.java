package io.webpubsub.emulator.hub;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message on its way to clients. It encodes its envelope for the JSON subprotocols once, on first use, so a message
 * sent to many connections costs one encoding, not one per connection.
 */
public final class Message {

	public static final String FROM_SERVER = "server";

	public static final String FROM_GROUP = "group";

	private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();

	/** The start of every envelope. The reliable subprotocol's sequence id follows it. */
	private static final byte[] ENVELOPE_START = "{\"type\":\"message\",".getBytes(StandardCharsets.UTF_8);

	private final DataType dataType;

	private final byte[] data;

	private final String source;

	private final @Nullable String group;

	private final @Nullable String fromUserId;

	/** The envelope without a sequence id, encoded on first use. Two threads may both encode it, to equal bytes. */
	private volatile byte @Nullable [] envelope;

	/**
	 * Creates a message.
	 * @param dataType how clients read the data
	 * @param data the data: UTF-8 text for text and JSON, raw bytes for binary
	 * @param source where it comes from: {@code server} for REST sends and upstream replies, {@code group} for
	 * messages clients publish to a group
	 * @param group the group it was sent to, or {@code null}
	 * @param fromUserId the user who published it to the group, or {@code null}
	 */
	public Message(DataType dataType, byte[] data, String source, @Nullable String group,
			@Nullable String fromUserId) {
		this.dataType = dataType;
		this.data = data;
		this.source = source;
		this.group = group;
		this.fromUserId = fromUserId;
	}

	/** Returns a message that the service itself sends, as REST sends and upstream replies are. */
	public static Message fromServer(DataType dataType, byte[] data) {
		return new Message(dataType, data, FROM_SERVER, null, null);
	}

	/** Returns a copy marked as sent to a group by the REST API. */
	public Message toGroup(String group) {
		return new Message(this.dataType, this.data, this.source, group, this.fromUserId);
	}

	public DataType dataType() {
		return this.dataType;
	}

	public byte[] data() {
		return this.data;
	}

	public String source() {
		return this.source;
	}

	public @Nullable String group() {
		return this.group;
	}

	public @Nullable String fromUserId() {
		return this.fromUserId;
	}

	/**
	 * Returns the {@code message} envelope of the JSON subprotocols as UTF-8 JSON, with the sequence id of the
	 * reliable subprotocol when it is not {@code null}. Without a sequence id, every call returns the same array, so
	 * callers must not modify it.
	 */
	public byte[] jsonEnvelope(@Nullable Long sequenceId) {
		byte[] unsequenced = this.envelope;
		if (unsequenced == null) {
			unsequenced = encodeEnvelope();
			this.envelope = unsequenced;
		}
		if (sequenceId == null) {
			return unsequenced;
		}

		// The sequence id goes right after the type, where a JSON encoder that added it would have put it.
		byte[] sequence = ("\"sequenceId\":" + sequenceId + ",").getBytes(StandardCharsets.UTF_8);
		byte[] sequenced = new byte[unsequenced.length + sequence.length];
		System.arraycopy(ENVELOPE_START, 0, sequenced, 0, ENVELOPE_START.length);
		System.arraycopy(sequence, 0, sequenced, ENVELOPE_START.length, sequence.length);
		System.arraycopy(unsequenced, ENVELOPE_START.length, sequenced, ENVELOPE_START.length + sequence.length,
				unsequenced.length - ENVELOPE_START.length);
		return sequenced;
	}

	private byte[] encodeEnvelope() {
		ObjectNode envelope = JSON_MAPPER.createObjectNode().put("type", "message").put("from", this.source);
		if (this.group != null) {
			envelope.put("group", this.group);
		}
		if (this.fromUserId != null) {
			envelope.put("fromUserId", this.fromUserId);
		}
		envelope.put("dataType", this.dataType.wireName());
		envelope.set("data", jsonData());
		return envelope.toString().getBytes(StandardCharsets.UTF_8);
	}

	private JsonNode jsonData() {
		return switch (this.dataType) {
			case BINARY -> JSON_MAPPER.getNodeFactory().stringNode(Base64.getEncoder().encodeToString(this.data));
			case TEXT -> JSON_MAPPER.getNodeFactory().stringNode(new String(this.data, StandardCharsets.UTF_8));
			case JSON -> parseOrText(this.data);
		};
	}

	/** Returns the JSON value of the data, or the data as a string when it is not valid JSON. */
	private static JsonNode parseOrText(byte[] data) {
		try {
			JsonNode node = JSON_MAPPER.readTree(data);
			if (node != null && !node.isMissingNode()) {
				return node;
			}
		}
		catch (JacksonException ex) {
			// Sent as a string below: the REST API does not check that a JSON body is valid JSON.
		}
		return JSON_MAPPER.getNodeFactory().stringNode(new String(data, StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "Message[dataType=" + this.dataType + ", bytes=" + this.data.length + ", source=" + this.source
				+ ", group=" + this.group + ", fromUserId=" + this.fromUserId + "]";
	}

}
