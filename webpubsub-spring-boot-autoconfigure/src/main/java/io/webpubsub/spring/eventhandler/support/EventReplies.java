package io.webpubsub.spring.eventhandler.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.webpubsub.spring.eventhandler.ConnectResponse;
import io.webpubsub.spring.eventhandler.ConnectionContext;
import io.webpubsub.spring.eventhandler.UserEventResponse;
import io.webpubsub.spring.eventhandler.WebPubSubDataType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what a listener returned into the response the service expects for the event.
 */
final class EventReplies {

	static final String CONNECTION_STATE = "ce-connectionState";

	private static final String JSON = "application/json";

	private final JsonMapper jsonMapper;

	private final ConnectionStateCodec stateCodec;

	EventReplies(JsonMapper jsonMapper, ConnectionStateCodec stateCodec) {
		this.jsonMapper = jsonMapper;
		this.stateCodec = stateCodec;
	}

	EventResponse reply(EventKind kind, @Nullable Object result, ConnectionContext context) {
		EventResponse response = switch (kind) {
			case CONNECT -> connectReply((ConnectResponse) result, context);
			case USER -> userReply(result, context);
			default -> EventResponse.empty(200);
		};
		return withState(kind, response, context);
	}

	/** Returns the response for an event no listener handles. */
	EventResponse unhandled(EventKind kind) {
		return (kind == EventKind.CONNECT || kind == EventKind.USER) ? EventResponse.empty(204)
				: EventResponse.empty(200);
	}

	private EventResponse connectReply(@Nullable ConnectResponse response, ConnectionContext context) {
		if (response == null) {
			return EventResponse.empty(204);
		}
		applyStates(response.getStates(), context);
		Map<String, Object> body = new LinkedHashMap<>();
		putIfSet(body, "userId", response.getUserId());
		putIfSet(body, "groups", response.getGroups());
		putIfSet(body, "roles", response.getRoles());
		putIfSet(body, "subprotocol", response.getSubprotocol());
		if (body.isEmpty()) {
			return EventResponse.empty(204);
		}
		return new EventResponse(200, JSON, this.jsonMapper.writeValueAsBytes(body), Map.of());
	}

	private EventResponse userReply(@Nullable Object result, ConnectionContext context) {
		if (result == null) {
			return EventResponse.empty(204);
		}
		if (result instanceof UserEventResponse response) {
			applyStates(response.getStates(), context);
			Object data = response.getData();
			if (data == null) {
				return EventResponse.empty(204);
			}
			byte[] body = (data instanceof byte[] bytes) ? bytes : this.jsonMapper.writeValueAsBytes(data);
			return new EventResponse(200, mediaType(response.getDataType()), body, Map.of());
		}
		if (result instanceof String text) {
			return EventResponse.text(200, text);
		}
		if (result instanceof byte[] bytes) {
			return new EventResponse(200, WebPubSubDataType.BINARY.mediaType(), bytes, Map.of());
		}
		return new EventResponse(200, JSON, this.jsonMapper.writeValueAsBytes(result), Map.of());
	}

	private EventResponse withState(EventKind kind, EventResponse response, ConnectionContext context) {
		if (!kind.isBlocking() || !context.hasStateChanges()) {
			return response;
		}
		return response.withHeader(CONNECTION_STATE, this.stateCodec.encode(context.getStates()));
	}

	private static void applyStates(Map<String, @Nullable Object> states, ConnectionContext context) {
		states.forEach(context::setState);
	}

	private static String mediaType(WebPubSubDataType dataType) {
		return (dataType == WebPubSubDataType.TEXT) ? EventResponse.TEXT_PLAIN : dataType.mediaType();
	}

	private static void putIfSet(Map<String, Object> body, String name, @Nullable Object value) {
		if (value != null) {
			body.put(name, value);
		}
	}

}
