package io.webpubsub.spring.eventhandler.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.webpubsub.spring.eventhandler.WebPubSubDataType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Logs incoming requests for troubleshooting, with signatures, tokens and cookies masked: the headers
 * {@code ce-signature}, {@code Authorization} and {@code Cookie}, and in a {@code connect} body the client's
 * {@code access_token} query parameter and its {@code Authorization} and {@code Cookie} headers.
 */
final class RequestDumper {

	private static final Log logger = LogFactory.getLog(RequestDumper.class);

	private static final String MASK = "******";

	private static final Set<String> SECRET_HEADERS = Set.of("ce-signature", "authorization", "cookie");

	private static final Set<String> SECRET_QUERY_PARAMETERS = Set.of("access_token");

	private static final int MAX_LOGGED_CHARS = 4096;

	private final JsonMapper jsonMapper;

	RequestDumper(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	void dump(EventRequest request, byte @Nullable [] body) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		StringBuilder entry = new StringBuilder("Web PubSub event request: ").append(request.method());
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.putAll(request.headers());
		headers.forEach((name, values) -> entry.append("\n  ").append(name).append(": ")
			.append(SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? MASK : String.join(", ", values)));
		if (body != null) {
			entry.append("\n  body: ").append(describeBody(request, body));
		}
		logger.info(entry);
	}

	/** Returns the body as text with secrets masked, or its size when it is binary. */
	String describeBody(EventRequest request, byte[] body) {
		WebPubSubDataType dataType = WebPubSubDataType.fromContentType(request.header("Content-Type"));
		if (dataType == WebPubSubDataType.BINARY || body.length == 0) {
			return body.length + " bytes";
		}
		String text = new String(body, StandardCharsets.UTF_8);
		if (dataType == WebPubSubDataType.JSON) {
			text = maskJson(body, text);
		}
		return (text.length() > MAX_LOGGED_CHARS) ? text.substring(0, MAX_LOGGED_CHARS) + "... (" + body.length
				+ " bytes)" : text;
	}

	private String maskJson(byte[] body, String text) {
		JsonNode root;
		try {
			root = this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			return text;
		}
		if (root instanceof ObjectNode object) {
			mask(object.get("query"), SECRET_QUERY_PARAMETERS);
			mask(object.get("headers"), SECRET_HEADERS);
			return this.jsonMapper.writeValueAsString(object);
		}
		return text;
	}

	private static void mask(@Nullable JsonNode node, Set<String> secretNames) {
		if (node instanceof ObjectNode object) {
			for (String name : Set.copyOf(object.propertyNames())) {
				if (secretNames.contains(name.toLowerCase(Locale.ROOT))) {
					object.put(name, MASK);
				}
			}
		}
	}

}
