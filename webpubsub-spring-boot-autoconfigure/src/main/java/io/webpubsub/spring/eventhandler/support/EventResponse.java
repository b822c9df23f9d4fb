package io.webpubsub.spring.eventhandler.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * HTTP response of the event handler, which the web binding writes as it is.
 *
 * @param status the HTTP status
 * @param contentType the content type of the body, or {@code null} when there is no body
 * @param body the body, empty for none
 * @param headers additional headers such as {@code ce-connectionState} or {@code WebHook-Allowed-Origin}
 */
public record EventResponse(int status, @Nullable String contentType, byte[] body, Map<String, String> headers) {

	static final String TEXT_PLAIN = "text/plain; charset=utf-8";

	static EventResponse empty(int status) {
		return new EventResponse(status, null, new byte[0], Map.of());
	}

	static EventResponse text(int status, String message) {
		return new EventResponse(status, TEXT_PLAIN, message.getBytes(StandardCharsets.UTF_8), Map.of());
	}

	/** Returns a copy with one more header. */
	EventResponse withHeader(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.put(name, value);
		return new EventResponse(this.status, this.contentType, this.body, copy);
	}

	@Override
	public String toString() {
		return "EventResponse[status=" + this.status + ", contentType=" + this.contentType + ", " + this.body.length
				+ " bytes, headers=" + this.headers.keySet() + "]";
	}

}
