package io.webpubsub.spring.eventhandler;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Reply to a user event, which the service sends back to the client that raised it, and connection state changes.
 * A reply with no data sends nothing to the client.
 */
public final class UserEventResponse {

	private final @Nullable Object data;

	private final WebPubSubDataType dataType;

	private final Map<String, @Nullable Object> states = new LinkedHashMap<>();

	private UserEventResponse(@Nullable Object data, WebPubSubDataType dataType) {
		this.data = data;
		this.dataType = dataType;
	}

	/** Returns a reply with no data: the client receives nothing. */
	public static UserEventResponse empty() {
		return new UserEventResponse(null, WebPubSubDataType.BINARY);
	}

	/** Returns a text reply. */
	public static UserEventResponse text(String text) {
		return new UserEventResponse(Objects.requireNonNull(text, "'text' must not be null")
			.getBytes(StandardCharsets.UTF_8), WebPubSubDataType.TEXT);
	}

	/** Returns a JSON reply of any value Jackson can serialise. */
	public static UserEventResponse json(Object value) {
		return new UserEventResponse(Objects.requireNonNull(value, "'value' must not be null"),
				WebPubSubDataType.JSON);
	}

	/** Returns a binary reply. The array is not copied. */
	public static UserEventResponse binary(byte[] data) {
		return new UserEventResponse(Objects.requireNonNull(data, "'data' must not be null"),
				WebPubSubDataType.BINARY);
	}

	/** Sets a connection state value, which Jackson converts to JSON; {@code null} removes it. */
	public UserEventResponse state(String name, @Nullable Object value) {
		this.states.put(Objects.requireNonNull(name, "'name' must not be null"), value);
		return this;
	}

	/** Returns the data: bytes for text and binary replies, the value for JSON, {@code null} for no reply. */
	public @Nullable Object getData() {
		return this.data;
	}

	/** Returns the type of the data. */
	public WebPubSubDataType getDataType() {
		return this.dataType;
	}

	/** Returns the state values to set, by name; a {@code null} value removes the state. */
	public Map<String, @Nullable Object> getStates() {
		return Collections.unmodifiableMap(this.states);
	}

}
