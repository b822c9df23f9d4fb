package io.webpubsub.compat.eventhandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import okhttp3.Headers;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an event handler returned for one request.
 *
 * @param handler the name of the handler, for assertion messages
 * @param status the HTTP status
 * @param contentType the {@code Content-Type} header, or {@code null} when there is none
 * @param body the body, empty for none
 * @param headers every response header
 */
record HandlerResponse(String handler, int status, @Nullable String contentType, byte[] body, Headers headers) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static HandlerResponse read(String handler, Response response) throws IOException {
		byte[] body = response.body().bytes();
		return new HandlerResponse(handler, response.code(), response.header("Content-Type"), body,
				response.headers());
	}

	/**
	 * Returns the media type without parameters, in lower case, such as {@code text/plain} for
	 * {@code text/plain;charset=UTF-8}, or {@code null} when there is no {@code Content-Type}.
	 */
	@Nullable String mediaType() {
		if (this.contentType == null) {
			return null;
		}
		int parameters = this.contentType.indexOf(';');
		String type = (parameters < 0) ? this.contentType : this.contentType.substring(0, parameters);
		return type.trim().toLowerCase(Locale.ROOT);
	}

	String text() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	JsonNode json() {
		return JSON.readTree(this.body);
	}

	@Nullable String header(String name) {
		return this.headers.get(name);
	}

	/** Returns the decoded {@code ce-connectionState} JSON object, or {@code null} when the header is missing. */
	@SuppressWarnings("unchecked")
	@Nullable Map<String, Object> connectionState() {
		String header = header("ce-connectionState");
		if (header == null) {
			return null;
		}
		return JSON.readValue(Base64.getDecoder().decode(header), Map.class);
	}

	@Override
	public String toString() {
		return this.handler + " handler: " + this.status + " " + this.contentType + " \"" + text() + "\" "
				+ "ce-connectionState=" + header("ce-connectionState");
	}

}
