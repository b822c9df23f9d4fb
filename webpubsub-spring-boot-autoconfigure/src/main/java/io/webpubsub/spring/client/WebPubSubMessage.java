package io.webpubsub.spring.client;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import okhttp3.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Message to send to clients. Its content type decides how clients receive it: JSON arrives as JSON data, text as
 * text and binary as binary.
 */
public final class WebPubSubMessage {

	static final MediaType JSON = MediaType.get("application/json");

	static final MediaType TEXT = MediaType.get("text/plain");

	static final MediaType BINARY = MediaType.get("application/octet-stream");

	private final MediaType contentType;

	private final Object payload;

	private WebPubSubMessage(MediaType contentType, Object payload) {
		this.contentType = contentType;
		this.payload = payload;
	}

	/**
	 * Creates a JSON message from any value Jackson can serialise. A {@code String} becomes a JSON string, so use
	 * {@link #rawJson(String)} for text that already is JSON.
	 */
	public static WebPubSubMessage json(Object value) {
		return new WebPubSubMessage(JSON, Objects.requireNonNull(value, "'value' must not be null"));
	}

	/**
	 * Creates a JSON message from text that already is JSON, sent as it is without being parsed.
	 */
	public static WebPubSubMessage rawJson(String json) {
		return new WebPubSubMessage(JSON, utf8(Objects.requireNonNull(json, "'json' must not be null")));
	}

	/** Creates a text message, sent as {@code text/plain} in UTF-8. */
	public static WebPubSubMessage text(String text) {
		return new WebPubSubMessage(TEXT, utf8(Objects.requireNonNull(text, "'text' must not be null")));
	}

	/** Creates a binary message, sent as {@code application/octet-stream}. The array is copied. */
	public static WebPubSubMessage binary(byte[] data) {
		return new WebPubSubMessage(BINARY, Objects.requireNonNull(data, "'data' must not be null").clone());
	}

	/** Returns the content type the message is sent with. */
	public String contentType() {
		return this.contentType.toString();
	}

	MediaType mediaType() {
		return this.contentType;
	}

	/**
	 * Returns the bytes of the request body, serialising a JSON value with the given mapper.
	 * @throws IllegalArgumentException if Jackson cannot serialise the value
	 */
	byte[] toBytes(JsonMapper jsonMapper) {
		if (this.payload instanceof byte[] bytes) {
			return bytes;
		}
		try {
			return jsonMapper.writeValueAsBytes(this.payload);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("'message' of type " + this.payload.getClass().getName()
					+ " cannot be serialised to JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public String toString() {
		String size = (this.payload instanceof byte[] bytes) ? bytes.length + " bytes" : this.payload.getClass().getName();
		return "WebPubSubMessage[" + this.contentType + ", " + size + "]";
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
