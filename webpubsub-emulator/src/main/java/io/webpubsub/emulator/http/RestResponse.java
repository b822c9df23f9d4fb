package io.webpubsub.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A REST response.
 *
 * @param status the HTTP status
 * @param contentType the content type, or {@code null} without a body
 * @param body the body, empty for none
 * @param headers additional headers
 */
public record RestResponse(int status, @Nullable String contentType, byte[] body, Map<String, String> headers) {

	static RestResponse empty(int status) {
		return new RestResponse(status, null, new byte[0], Map.of());
	}

	static RestResponse json(int status, String json) {
		return new RestResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
	}

}
