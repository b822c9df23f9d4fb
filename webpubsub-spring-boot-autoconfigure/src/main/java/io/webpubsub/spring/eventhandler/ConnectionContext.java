package io.webpubsub.spring.eventhandler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connection an event comes from: hub, connection id, user, event name, subprotocol, origin, and the connection
 * state the service stores for it.
 * <p>
 * The state is a set of named JSON values that the service echoes on every later event of the connection. A
 * {@code connect} or user event listener may change it, and the change goes back to the service in the
 * {@code ce-connectionState} response header, encoded as the official JavaScript and .NET handlers encode it, so
 * handlers written with either can share a connection's state. Changes made while handling other events are not
 * sent, because the service ignores them.
 */
public final class ConnectionContext {

	private final String hub;

	private final String connectionId;

	private final @Nullable String userId;

	private final String eventName;

	private final @Nullable String subprotocol;

	private final @Nullable String origin;

	private final Map<String, JsonNode> states;

	private final JsonMapper jsonMapper;

	private boolean statesChanged;

	/**
	 * Creates a context. The event handler creates one for each request, and tests may create their own.
	 * @param states the decoded connection state, which this context copies
	 */
	public ConnectionContext(String hub, String connectionId, @Nullable String userId, String eventName,
			@Nullable String subprotocol, @Nullable String origin, Map<String, JsonNode> states,
			JsonMapper jsonMapper) {
		this.hub = Objects.requireNonNull(hub, "'hub' must not be null");
		this.connectionId = Objects.requireNonNull(connectionId, "'connectionId' must not be null");
		this.userId = userId;
		this.eventName = Objects.requireNonNull(eventName, "'eventName' must not be null");
		this.subprotocol = subprotocol;
		this.origin = origin;
		this.states = new LinkedHashMap<>(states);
		this.jsonMapper = jsonMapper;
	}

	/** Returns the hub, as the service sent it. */
	public String getHub() {
		return this.hub;
	}

	/** Returns the id of the connection. */
	public String getConnectionId() {
		return this.connectionId;
	}

	/** Returns the user of the connection, or {@code null} when it has none yet. */
	public @Nullable String getUserId() {
		return this.userId;
	}

	/** Returns the event name, such as {@code connect} or {@code message}. */
	public String getEventName() {
		return this.eventName;
	}

	/** Returns the WebSocket subprotocol of the connection, or {@code null} for a plain WebSocket client. */
	public @Nullable String getSubprotocol() {
		return this.subprotocol;
	}

	/** Returns the host the client connected to, from {@code WebHook-Request-Origin}, or {@code null}. */
	public @Nullable String getOrigin() {
		return this.origin;
	}

	/** Returns the connection state as JSON values by name; the map does not change with later calls. */
	public Map<String, JsonNode> getStates() {
		return Collections.unmodifiableMap(new LinkedHashMap<>(this.states));
	}

	/** Returns the state value of the given name converted to the type, or {@code null} when it is not set. */
	public <T> @Nullable T getState(String name, Class<T> type) {
		JsonNode value = this.states.get(name);
		return (value != null) ? this.jsonMapper.treeToValue(value, type) : null;
	}

	/** Sets a state value, which Jackson converts to JSON; {@code null} removes it. */
	public void setState(String name, @Nullable Object value) {
		Objects.requireNonNull(name, "'name' must not be null");
		if (value == null) {
			removeState(name);
			return;
		}
		this.states.put(name, this.jsonMapper.valueToTree(value));
		this.statesChanged = true;
	}

	/** Removes a state value. */
	public void removeState(String name) {
		if (this.states.remove(name) != null) {
			this.statesChanged = true;
		}
	}

	/** Removes every state value. */
	public void clearStates() {
		if (!this.states.isEmpty()) {
			this.states.clear();
			this.statesChanged = true;
		}
	}

	/** Returns whether a listener changed the state while handling this event. */
	public boolean hasStateChanges() {
		return this.statesChanged;
	}

	@Override
	public String toString() {
		return "ConnectionContext[hub=" + this.hub + ", connectionId=" + this.connectionId + ", userId=" + this.userId
				+ ", eventName=" + this.eventName + "]";
	}

}
