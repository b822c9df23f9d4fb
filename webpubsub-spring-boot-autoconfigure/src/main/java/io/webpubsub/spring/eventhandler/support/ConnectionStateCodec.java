package io.webpubsub.spring.eventhandler.support;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encoding of the {@code ce-connectionState} header shared with the official JavaScript and .NET handlers: base64 of
 * the UTF-8 JSON object that maps each state name to its value.
 */
final class ConnectionStateCodec {

	private final JsonMapper jsonMapper;

	ConnectionStateCodec(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Decodes a header value.
	 * @throws IllegalArgumentException if the value is not base64 of a JSON object
	 */
	Map<String, JsonNode> decode(String headerValue) {
		byte[] json;
		String trimmed = headerValue.trim();
		try {
			// Handlers write standard base64, but some decoders also take the URL-safe alphabet, so both are read.
			boolean urlSafe = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0;
			json = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(trimmed);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("it is not base64: " + ex.getMessage(), ex);
		}
		JsonNode states;
		try {
			states = this.jsonMapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("it is not base64 of JSON: " + ex.getOriginalMessage(), ex);
		}
		if (states == null || !states.isObject()) {
			throw new IllegalArgumentException("it is base64 of JSON but not of a JSON object");
		}
		Map<String, JsonNode> decoded = new LinkedHashMap<>();
		states.properties().forEach((entry) -> decoded.put(entry.getKey(), entry.getValue()));
		return decoded;
	}

	String encode(Map<String, JsonNode> states) {
		return Base64.getEncoder().encodeToString(this.jsonMapper.writeValueAsBytes(states));
	}

}
