package io.webpubsub.spring.eventhandler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Acceptance of a {@code connect} event that changes what the connection gets: the user id (in place of the token's
 * subject), groups to join, roles to grant, the subprotocol to select, and connection state. Unset fields keep the
 * token's values.
 */
public final class ConnectResponse {

	private @Nullable String userId;

	private @Nullable List<String> groups;

	private @Nullable List<String> roles;

	private @Nullable String subprotocol;

	private final Map<String, @Nullable Object> states = new LinkedHashMap<>();

	private ConnectResponse() {
	}

	/** Returns a response that accepts the connection with the token's values. */
	public static ConnectResponse accept() {
		return new ConnectResponse();
	}

	/** Sets the user id of the connection, in place of the token's subject. */
	public ConnectResponse userId(String userId) {
		this.userId = requireText("userId", userId);
		return this;
	}

	/** Sets the groups the connection joins. */
	public ConnectResponse groups(Collection<String> groups) {
		this.groups = copy("groups", groups);
		return this;
	}

	/** Sets the groups the connection joins. */
	public ConnectResponse groups(String... groups) {
		return groups(List.of(groups));
	}

	/** Sets the roles of the connection, such as {@code webpubsub.joinLeaveGroup.lobby}, in place of the token's. */
	public ConnectResponse roles(Collection<String> roles) {
		this.roles = copy("roles", roles);
		return this;
	}

	/** Sets the roles of the connection in place of the token's. */
	public ConnectResponse roles(String... roles) {
		return roles(List.of(roles));
	}

	/** Selects one of the subprotocols the client offered. */
	public ConnectResponse subprotocol(String subprotocol) {
		this.subprotocol = requireText("subprotocol", subprotocol);
		return this;
	}

	/** Sets a connection state value, which Jackson converts to JSON; {@code null} removes it. */
	public ConnectResponse state(String name, @Nullable Object value) {
		this.states.put(Objects.requireNonNull(name, "'name' must not be null"), value);
		return this;
	}

	/** Returns the user id, or {@code null} to keep the token's subject. */
	public @Nullable String getUserId() {
		return this.userId;
	}

	/** Returns the groups, or {@code null} to keep the token's. */
	public @Nullable List<String> getGroups() {
		return this.groups;
	}

	/** Returns the roles, or {@code null} to keep the token's. */
	public @Nullable List<String> getRoles() {
		return this.roles;
	}

	/** Returns the selected subprotocol, or {@code null} to let the service choose. */
	public @Nullable String getSubprotocol() {
		return this.subprotocol;
	}

	/** Returns the state values to set, by name; a {@code null} value removes the state. */
	public Map<String, @Nullable Object> getStates() {
		return Collections.unmodifiableMap(this.states);
	}

	static String requireText(String name, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("'" + name + "' must not be null or blank");
		}
		return value;
	}

	private static List<String> copy(String name, Collection<String> values) {
		Objects.requireNonNull(values, () -> "'" + name + "' must not be null");
		List<String> copy = new ArrayList<>();
		for (String value : values) {
			copy.add(requireText(name + " element", value));
		}
		return List.copyOf(copy);
	}

}
