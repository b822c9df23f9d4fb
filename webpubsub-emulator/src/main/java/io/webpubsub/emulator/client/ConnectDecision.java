package io.webpubsub.emulator.client;

import java.util.ArrayList;
import java.util.List;

import io.webpubsub.emulator.upstream.UpstreamReply;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Identity and rights of a new connection: user, roles, groups, subprotocol and initial state, from the token and the
 * {@code connect} event's response.
 *
 * @param userId the user, or {@code null}
 * @param roles the roles
 * @param groups the groups joined at connect
 * @param subprotocol the subprotocol the handler selected, or {@code null} to select one by the offer
 * @param connectionState the initial connection state header value, or {@code null}
 */
record ConnectDecision(@Nullable String userId, List<String> roles, List<String> groups,
		@Nullable String subprotocol, @Nullable String connectionState) {

	/**
	 * Applies a successful connect response: a user id replaces the token's, roles when present replace the token's,
	 * groups when not empty replace the token's.
	 * @throws IllegalArgumentException if the body is not a JSON object of the expected shape
	 */
	ConnectDecision apply(UpstreamReply reply, JsonMapper jsonMapper) {
		String state = (reply.connectionState() != null) ? reply.connectionState() : this.connectionState;
		if (reply.body().length == 0) {
			return new ConnectDecision(this.userId, this.roles, this.groups, this.subprotocol, state);
		}
		JsonNode body;
		try {
			body = jsonMapper.readTree(reply.body());
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("the body is not JSON: " + ex.getOriginalMessage());
		}
		if (body == null || body.isNull()) {
			return new ConnectDecision(this.userId, this.roles, this.groups, this.subprotocol, state);
		}
		if (!body.isObject()) {
			throw new IllegalArgumentException("the body is not a JSON object");
		}
		String user = body.has("userId") ? text(body.get("userId"), "userId") : this.userId;
		List<String> newRoles = body.has("roles") ? strings(body.get("roles"), "roles") : this.roles;
		List<String> newGroups = body.has("groups") ? strings(body.get("groups"), "groups") : List.of();
		String selected = body.has("subprotocol") ? text(body.get("subprotocol"), "subprotocol") : this.subprotocol;
		return new ConnectDecision(user, newRoles, newGroups.isEmpty() ? this.groups : newGroups,
				(selected == null || selected.isEmpty()) ? null : selected, state);
	}

	private static @Nullable String text(JsonNode node, String field) {
		if (node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new IllegalArgumentException("'" + field + "' must be a string");
		}
		return node.stringValue();
	}

	private static List<String> strings(JsonNode node, String field) {
		if (node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			throw new IllegalArgumentException("'" + field + "' must be an array of strings");
		}
		List<String> values = new ArrayList<>();
		for (JsonNode item : node) {
			if (!item.isString()) {
				throw new IllegalArgumentException("'" + field + "' must be an array of strings");
			}
			values.add(item.stringValue());
		}
		return values;
	}

}
