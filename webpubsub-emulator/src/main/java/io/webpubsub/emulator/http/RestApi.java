package io.webpubsub.emulator.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.webpubsub.emulator.auth.AccessTokens;
import io.webpubsub.emulator.auth.TokenRejectedException;
import io.webpubsub.emulator.filter.ConnectionFilter;
import io.webpubsub.emulator.filter.FilterSyntaxException;
import io.webpubsub.emulator.hub.DataType;
import io.webpubsub.emulator.hub.Hub;
import io.webpubsub.emulator.hub.HubNames;
import io.webpubsub.emulator.hub.HubConnection;
import io.webpubsub.emulator.hub.Message;
import io.webpubsub.emulator.hub.Permission;
import io.webpubsub.emulator.hub.ServiceState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The data-plane REST API: every operation of version 2024-12-01, with exactly the statuses the service returns,
 * because the official Java SDK rejects any other. Requests are authorised by an HS256 token for their URL.
 */
public final class RestApi {

	private static final Logger logger = LoggerFactory.getLogger(RestApi.class);

	/** API versions the service has released as generally available; a request without one gets the newest. */
	static final Set<String> API_VERSIONS = Set.of("2021-10-01", "2022-11-01", "2023-07-01", "2024-01-01",
			"2024-12-01");

	static final String LATEST_API_VERSION = "2024-12-01";

	static final int MAX_BODY_BYTES = 1024 * 1024;

	private static final String DEFAULT_CLOSE_REASON = "Closed by REST API.";

	private static final int MAX_PAGE_SIZE = 200;

	private final ServiceState state;

	private final AccessTokens tokens;

	private final JsonMapper jsonMapper;

	public RestApi(ServiceState state, AccessTokens tokens, JsonMapper jsonMapper) {
		this.state = state;
		this.tokens = tokens;
		this.jsonMapper = jsonMapper;
	}

	/** Handles a request under {@code /api/}. Rejections become error responses, not exceptions. */
	public RestResponse handle(RestRequest request) {
		try {
			this.tokens.verifyRestToken(request.authorization(), request.url());
			return route(request);
		}
		catch (TokenRejectedException ex) {
			logger.debug("Rejected {} {}: {}", request.method(), request.url(), ex.getMessage());
			return error(new RestException(401, "Error.Unauthorized", "Authorization", ex.getMessage()));
		}
		catch (RestException ex) {
			logger.debug("Rejected {} {}: {}", request.method(), request.url(), ex.getMessage());
			return error(ex);
		}
	}

	private RestResponse route(RestRequest request) {
		String apiVersion = request.queryValue("api-version");
		if (apiVersion != null && !API_VERSIONS.contains(apiVersion)) {
			throw RestException.badRequest("api-version", "Unsupported api-version '" + apiVersion + "': use one of "
					+ API_VERSIONS);
		}
		if (request.body().length > MAX_BODY_BYTES) {
			throw new RestException(413, "Error.PayloadTooLarge", "body", "The request body is over the 1 MB limit");
		}
		List<String> path = request.pathSegments();
		if (path.equals(List.of("api", "health"))) {
			requireMethod(request, "HEAD", "GET");
			return RestResponse.empty(200);
		}
		if (path.size() < 4 || !path.get(0).equals("api") || !path.get(1).equals("hubs")) {
			throw RestException.notFound("path", "No REST operation at " + String.join("/", path));
		}
		Hub hub = this.state.hub(requireHub(path.get(2)));
		List<String> operation = path.subList(3, path.size());
		return switch (operation.get(0)) {
			case ":send" -> sendToAll(request, hub, operation);
			case ":closeConnections" -> closeAll(request, hub, operation);
			case ":addToGroups" -> changeGroups(request, hub, operation, true);
			case ":removeFromGroups" -> changeGroups(request, hub, operation, false);
			case ":generateToken" -> generateToken(request, path.get(2), operation);
			case "users" -> userOperation(request, hub, operation);
			case "connections" -> connectionOperation(request, hub, operation);
			case "groups" -> groupOperation(request, hub, operation);
			case "permissions" -> permissionOperation(request, hub, operation);
			default -> throw RestException.notFound("path", "No REST operation at " + String.join("/", path));
		};
	}

	private RestResponse sendToAll(RestRequest request, Hub hub, List<String> operation) {
		requireShape(operation, 1);
		requireMethod(request, "POST");
		deliver(hub.select(filter(request), request.queryValues("excluded")), message(request));
		return RestResponse.empty(202);
	}

	private RestResponse closeAll(RestRequest request, Hub hub, List<String> operation) {
		requireShape(operation, 1);
		requireMethod(request, "POST");
		close(hub, hub.select(ConnectionFilter.matchAll(), request.queryValues("excluded")), request);
		return RestResponse.empty(204);
	}

	private RestResponse changeGroups(RestRequest request, Hub hub, List<String> operation, boolean add) {
		requireShape(operation, 1);
		requireMethod(request, "POST");
		JsonNode body = parseJson(request.body());
		JsonNode groupsNode = body.get("groups");
		if (groupsNode == null || !groupsNode.isArray() || groupsNode.isEmpty()) {
			throw RestException.badRequest("groups", "'groups' must be a non-empty array of group names");
		}
		List<String> groups = new ArrayList<>();
		for (JsonNode group : groupsNode) {
			groups.add(requireGroup(group.isString() ? group.stringValue() : ""));
		}
		JsonNode filterNode = body.get("filter");
		String filterText = (filterNode != null && filterNode.isString()) ? filterNode.stringValue() : null;
		for (HubConnection connection : hub.select(parseFilter(filterText), List.of())) {
			for (String group : groups) {
				if (add) {
					hub.join(connection, group);
				}
				else {
					hub.leave(connection, group);
				}
			}
		}
		return RestResponse.empty(200);
	}

	private RestResponse generateToken(RestRequest request, String hubName, List<String> operation) {
		requireShape(operation, 1);
		requireMethod(request, "POST");
		int minutes = intParameter(request, "minutesToExpire", 60, 1, Integer.MAX_VALUE);
		String clientType = request.queryValue("clientType");
		String pathPrefix = "/client/hubs/";
		if (clientType != null && clientType.equalsIgnoreCase("mqtt")) {
			pathPrefix = "/clients/mqtt/hubs/";
		}
		else if (clientType != null && clientType.equalsIgnoreCase("socketio")) {
			pathPrefix = "/clients/socketio/hubs/";
		}
		else if (clientType != null && !clientType.equalsIgnoreCase("default")) {
			throw RestException.badRequest("clientType", "Unknown clientType '" + clientType
					+ "': use Default, MQTT or SocketIO");
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		if (request.queryValue("userId") != null) {
			claims.put("sub", request.queryValue("userId"));
		}
		if (!request.queryValues("role").isEmpty()) {
			claims.put("role", request.queryValues("role"));
		}
		if (!request.queryValues("group").isEmpty()) {
			request.queryValues("group").forEach(this::requireGroup);
			claims.put("webpubsub.group", request.queryValues("group"));
		}
		String token = this.tokens.mint(claims, request.origin() + pathPrefix + hubName, Duration.ofMinutes(minutes));
		ObjectNode body = this.jsonMapper.createObjectNode().put("token", token);
		return RestResponse.json(200, body.toString());
	}

	private RestResponse userOperation(RestRequest request, Hub hub, List<String> operation) {
		String userId = requireId("userId", segment(operation, 1));
		if (operation.size() == 2) {
			requireMethod(request, "HEAD");
			return exists(hub.userExists(userId));
		}
		String action = operation.get(2);
		if (operation.size() == 3 && action.equals(":send")) {
			requireMethod(request, "POST");
			if (!request.queryValues("excluded").isEmpty()) {
				throw RestException.badRequest("excluded", "'excluded' is not supported when sending to a user");
			}
			ConnectionFilter filter = filter(request);
			deliver(hub.connectionsOfUser(userId).stream().filter(filter::matches).toList(), message(request));
			return RestResponse.empty(202);
		}
		if (operation.size() == 3 && action.equals(":closeConnections")) {
			requireMethod(request, "POST");
			List<String> excluded = request.queryValues("excluded");
			close(hub, hub.connectionsOfUser(userId).stream()
				.filter((connection) -> !excluded.contains(connection.connectionId()))
				.toList(), request);
			return RestResponse.empty(204);
		}
		if (operation.size() == 3 && action.equals("groups")) {
			requireMethod(request, "DELETE");
			hub.removeUserFromAllGroups(userId);
			return RestResponse.empty(204);
		}
		if (operation.size() == 4 && action.equals("groups")) {
			String group = requireGroup(operation.get(3));
			if (request.method().equals("PUT")) {
				hub.addUserToGroup(userId, group);
				return RestResponse.empty(200);
			}
			requireMethod(request, "DELETE");
			hub.removeUserFromGroup(userId, group);
			return RestResponse.empty(204);
		}
		throw RestException.notFound("path", "No REST operation at users/" + String.join("/", operation.subList(1,
				operation.size())));
	}

	private RestResponse connectionOperation(RestRequest request, Hub hub, List<String> operation) {
		String connectionId = requireId("connectionId", segment(operation, 1));
		if (operation.size() == 2) {
			if (request.method().equals("HEAD")) {
				return exists(hub.connection(connectionId) != null);
			}
			requireMethod(request, "DELETE");
			HubConnection connection = hub.connection(connectionId);
			if (connection != null) {
				close(hub, List.of(connection), request);
			}
			return RestResponse.empty(204);
		}
		if (operation.size() == 3 && operation.get(2).equals(":send")) {
			requireMethod(request, "POST");
			if (request.queryValue("filter") != null || !request.queryValues("excluded").isEmpty()) {
				throw RestException.badRequest("filter", "'filter' and 'excluded' are not supported when sending "
						+ "to a connection");
			}
			Message message = message(request);
			HubConnection connection = hub.connection(connectionId);
			if (connection != null) {
				connection.send(message);
			}
			return RestResponse.empty(202);
		}
		if (operation.size() == 3 && operation.get(2).equals("groups")) {
			requireMethod(request, "DELETE");
			HubConnection connection = hub.connection(connectionId);
			if (connection != null) {
				hub.leaveAllGroups(connection);
			}
			return RestResponse.empty(204);
		}
		throw RestException.notFound("path", "No REST operation at connections/" + connectionId + "/"
				+ String.join("/", operation.subList(2, operation.size())));
	}

	private RestResponse groupOperation(RestRequest request, Hub hub, List<String> operation) {
		String group = requireGroup(segment(operation, 1));
		if (operation.size() == 2) {
			requireMethod(request, "HEAD");
			return exists(hub.groupExists(group));
		}
		String action = operation.get(2);
		if (operation.size() == 3 && action.equals(":send")) {
			requireMethod(request, "POST");
			Message message = message(request).toGroup(group);
			ConnectionFilter filter = filter(request);
			List<String> excluded = request.queryValues("excluded");
			deliver(hub.groupMembers(group).stream()
				.filter((connection) -> !excluded.contains(connection.connectionId()) && filter.matches(connection))
				.toList(), message);
			return RestResponse.empty(202);
		}
		if (operation.size() == 3 && action.equals(":closeConnections")) {
			requireMethod(request, "POST");
			List<String> excluded = request.queryValues("excluded");
			close(hub, hub.groupMembers(group).stream()
				.filter((connection) -> !excluded.contains(connection.connectionId()))
				.toList(), request);
			return RestResponse.empty(204);
		}
		if (operation.size() == 3 && action.equals("connections")) {
			requireMethod(request, "GET");
			return listGroup(request, hub, group);
		}
		if (operation.size() == 4 && action.equals("connections")) {
			String connectionId = requireId("connectionId", operation.get(3));
			HubConnection connection = hub.connection(connectionId);
			if (request.method().equals("PUT")) {
				if (connection == null) {
					throw RestException.notFound("connectionId", "Connection '" + connectionId + "' is not connected");
				}
				hub.join(connection, group);
				return RestResponse.empty(200);
			}
			requireMethod(request, "DELETE");
			if (connection != null) {
				hub.leave(connection, group);
			}
			return RestResponse.empty(204);
		}
		throw RestException.notFound("path", "No REST operation at groups/" + group + "/"
				+ String.join("/", operation.subList(2, operation.size())));
	}

	private RestResponse listGroup(RestRequest request, Hub hub, String group) {
		int pageSize = intParameter(request, "maxpagesize", MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE);
		int top = intParameter(request, "top", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
		String after = request.queryValue("continuationToken");

		List<HubConnection> members = hub.groupMembers(group).stream()
			.filter((connection) -> after == null || connection.connectionId().compareTo(after) > 0)
			.toList();
		int count = Math.min(Math.min(pageSize, top), members.size());
		ArrayNode value = this.jsonMapper.createArrayNode();
		for (HubConnection member : members.subList(0, count)) {
			ObjectNode item = value.addObject().put("connectionId", member.connectionId());
			if (member.userId() != null) {
				item.put("userId", member.userId());
			}
		}
		ObjectNode body = this.jsonMapper.createObjectNode().set("value", value);
		int remaining = top - count;
		if (count < members.size() && remaining > 0) {
			String apiVersion = (request.queryValue("api-version") != null) ? request.queryValue("api-version")
					: LATEST_API_VERSION;
			String nextLink = request.url().substring(0, request.url().indexOf('?') < 0 ? request.url().length()
					: request.url().indexOf('?')) + "?api-version=" + apiVersion + "&maxpagesize=" + pageSize
					+ "&continuationToken=" + UrlEncoding.encodeQueryValue(members.get(count - 1).connectionId())
					+ ((top == Integer.MAX_VALUE) ? "" : "&top=" + remaining);
			body.put("nextLink", nextLink);
		}
		return RestResponse.json(200, body.toString());
	}

	private RestResponse permissionOperation(RestRequest request, Hub hub, List<String> operation) {
		if (operation.size() != 4 || !operation.get(2).equals("connections")) {
			throw RestException.notFound("path", "No REST operation at permissions/" + String.join("/",
					operation.subList(1, operation.size())));
		}
		Permission permission = Permission.fromWireName(operation.get(1));
		if (permission == null) {
			throw RestException.badRequest("permission", "Unknown permission '" + operation.get(1)
					+ "': use sendToGroup or joinLeaveGroup");
		}
		String connectionId = requireId("connectionId", operation.get(3));
		String targetName = request.queryValue("targetName");
		if (targetName != null) {
			requireGroup(targetName);
		}
		HubConnection connection = hub.connection(connectionId);
		switch (request.method()) {
			case "HEAD" -> {
				return exists(connection != null && connection.checkPermission(permission, targetName));
			}
			case "PUT" -> {
				if (connection == null) {
					throw RestException.notFound("connectionId", "Connection '" + connectionId + "' is not connected");
				}
				connection.grant(permission, targetName);
				return RestResponse.empty(200);
			}
			case "DELETE" -> {
				if (connection != null) {
					connection.revoke(permission, targetName);
				}
				return RestResponse.empty(204);
			}
			default -> throw methodNotAllowed(request);
		}
	}

	private static void deliver(List<HubConnection> connections, Message message) {
		connections.forEach((connection) -> connection.send(message));
	}

	private static void close(Hub hub, List<HubConnection> connections, RestRequest request) {
		String reason = (request.queryValue("reason") != null) ? request.queryValue("reason") : DEFAULT_CLOSE_REASON;
		for (HubConnection connection : connections) {
			hub.remove(connection.connectionId());
			connection.close(reason);
		}
	}

	private Message message(RestRequest request) {
		intParameter(request, "messageTtlSeconds", 0, 0, 300);
		return Message.fromServer(DataType.fromContentType(request.contentType()), request.body());
	}

	private ConnectionFilter filter(RestRequest request) {
		return parseFilter(request.queryValue("filter"));
	}

	private static ConnectionFilter parseFilter(@Nullable String filter) {
		if (filter == null || filter.isBlank()) {
			return ConnectionFilter.matchAll();
		}
		try {
			return ConnectionFilter.parse(filter);
		}
		catch (FilterSyntaxException ex) {
			throw RestException.badRequest("filter", ex.getMessage());
		}
	}

	private JsonNode parseJson(byte[] body) {
		try {
			JsonNode node = this.jsonMapper.readTree(body);
			if (node == null || !node.isObject()) {
				throw RestException.badRequest("body", "The body must be a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw RestException.badRequest("body", "The body is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	private static int intParameter(RestRequest request, String name, int defaultValue, int min, int max) {
		String value = request.queryValue(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			int parsed = Integer.parseInt(value);
			if (parsed < min || parsed > max) {
				throw RestException.badRequest(name, "'" + name + "' value " + parsed + " is outside " + min + "-"
						+ max);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw RestException.badRequest(name, "'" + name + "' value '" + value + "' is not an integer");
		}
	}

	private static String requireHub(String hub) {
		if (!HubNames.isValid(hub)) {
			throw RestException.badRequest("hub", "Hub '" + hub + "' is invalid: a hub name starts with a letter and "
					+ "has at most 128 letters, digits and the characters _`,.[]");
		}
		return hub;
	}

	private String requireGroup(String group) {
		if (group.isEmpty() || group.length() > 1024 || group.isBlank()) {
			throw RestException.badRequest("group", "Group name is invalid: use 1 to 1024 characters, not only "
					+ "whitespace");
		}
		return group;
	}

	private static String requireId(String name, String value) {
		if (value.isEmpty()) {
			throw RestException.badRequest(name, "'" + name + "' must not be empty");
		}
		return value;
	}

	private static String segment(List<String> operation, int index) {
		if (operation.size() <= index) {
			throw RestException.notFound("path", "No REST operation at " + String.join("/", operation));
		}
		return operation.get(index);
	}

	private static void requireShape(List<String> operation, int size) {
		if (operation.size() != size) {
			throw RestException.notFound("path", "No REST operation at " + String.join("/", operation));
		}
	}

	private static void requireMethod(RestRequest request, String... methods) {
		for (String method : methods) {
			if (method.equals(request.method())) {
				return;
			}
		}
		throw methodNotAllowed(request);
	}

	private static RestException methodNotAllowed(RestRequest request) {
		return new RestException(405, "Error.MethodNotAllowed", "method", "Method " + request.method()
				+ " is not allowed on " + String.join("/", request.pathSegments()));
	}

	private static RestResponse exists(boolean exists) {
		return RestResponse.empty(exists ? 200 : 404);
	}

	private RestResponse error(RestException ex) {
		ObjectNode body = this.jsonMapper.createObjectNode()
			.put("code", ex.code())
			.put("message", ex.getMessage())
			.put("target", ex.target());
		return new RestResponse(ex.status(), "application/json", body.toString().getBytes(
				java.nio.charset.StandardCharsets.UTF_8), Map.of("x-ms-error-code", ex.code()));
	}

}
