package io.webpubsub.spring.eventhandler.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.webpubsub.spring.eventhandler.ConnectEvent;
import io.webpubsub.spring.eventhandler.ConnectEvent.ClientCertificate;
import io.webpubsub.spring.eventhandler.ConnectedEvent;
import io.webpubsub.spring.eventhandler.ConnectionContext;
import io.webpubsub.spring.eventhandler.DisconnectedEvent;
import io.webpubsub.spring.eventhandler.GroupEvent;
import io.webpubsub.spring.eventhandler.UserEvent;
import io.webpubsub.spring.eventhandler.WebPubSubDataType;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the event object of a request from its body.
 */
final class EventFactory {

	private final JsonMapper jsonMapper;

	EventFactory(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Returns the event object for the kind.
	 * @throws EventDataException if a system event's body is not the JSON object the protocol defines
	 */
	Object create(EventKind kind, ConnectionContext context, byte[] body, @Nullable WebPubSubDataType dataType) {
		return switch (kind) {
			case CONNECT -> connect(context, body);
			case CONNECTED -> new ConnectedEvent(context);
			case DISCONNECTED -> new DisconnectedEvent(context, optionalText(jsonObject(body, "disconnected"), "reason"));
			case JOINED, LEFT -> new GroupEvent(context, requiredText(jsonObject(body, context.getEventName()), "group"));
			case USER -> new UserEvent(context, body, (dataType != null) ? dataType : WebPubSubDataType.BINARY);
		};
	}

	private ConnectEvent connect(ConnectionContext context, byte[] body) {
		JsonNode request = jsonObject(body, "connect");
		return new ConnectEvent(context, stringLists(request, "claims"), stringLists(request, "query"),
				stringLists(request, "headers"), strings(request, "subprotocols"), certificates(request));
	}

	private JsonNode jsonObject(byte[] body, String eventName) {
		if (body.length == 0) {
			return this.jsonMapper.createObjectNode();
		}
		JsonNode node;
		try {
			node = this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new EventDataException("The body of the '" + eventName + "' event is not valid JSON: "
					+ ex.getOriginalMessage(), ex);
		}
		if (node == null || !node.isObject()) {
			throw new EventDataException("The body of the '" + eventName + "' event must be a JSON object");
		}
		return node;
	}

	/** Reads a map of names to string arrays; a single string is taken as an array of one. */
	private static Map<String, List<String>> stringLists(JsonNode request, String field) {
		JsonNode node = request.get(field);
		if (node == null || node.isNull()) {
			return Map.of();
		}
		if (!node.isObject()) {
			throw new EventDataException("Field '" + field + "' of the connect event must be a JSON object");
		}
		Map<String, List<String>> values = new LinkedHashMap<>();
		node.properties().forEach((entry) -> values.put(entry.getKey(), stringArray(field + "." + entry.getKey(),
				entry.getValue())));
		return Map.copyOf(values);
	}

	private static List<String> strings(JsonNode request, String field) {
		JsonNode node = request.get(field);
		return (node == null || node.isNull()) ? List.of() : stringArray(field, node);
	}

	private static List<String> stringArray(String field, JsonNode node) {
		if (node.isString()) {
			return List.of(node.stringValue());
		}
		if (!node.isArray()) {
			throw new EventDataException("Field '" + field + "' of the connect event must be an array of strings");
		}
		List<String> values = new ArrayList<>();
		for (JsonNode item : node) {
			if (!item.isValueNode() || item.isNull()) {
				throw new EventDataException("Field '" + field + "' of the connect event must be an array of strings");
			}
			values.add(item.asString());
		}
		return List.copyOf(values);
	}

	private static List<ClientCertificate> certificates(JsonNode request) {
		JsonNode node = request.get("clientCertificates");
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			throw new EventDataException("Field 'clientCertificates' of the connect event must be an array");
		}
		List<ClientCertificate> certificates = new ArrayList<>();
		for (JsonNode item : node) {
			certificates.add(new ClientCertificate(requiredText(item, "thumbprint"), optionalText(item, "content")));
		}
		return List.copyOf(certificates);
	}

	private static String requiredText(JsonNode node, String field) {
		String value = optionalText(node, field);
		if (value == null) {
			throw new EventDataException("Field '" + field + "' is missing from the event body");
		}
		return value;
	}

	private static @Nullable String optionalText(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new EventDataException("Field '" + field + "' of the event body must be a string");
		}
		return value.stringValue();
	}

}
