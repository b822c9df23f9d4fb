package io.webpubsub.spring.client;

import java.io.Closeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Client for one hub of a Web PubSub resource: sends messages to all clients, groups, users and connections, manages
 * group membership and permissions, closes connections, and mints client access tokens. It calls the data-plane
 * REST API, version {@value #API_VERSION}.
 * <p>
 * Instances are thread-safe and meant to be shared. {@link #forHub(String)} returns a client for another hub that
 * shares this client's connection pool. Every operation validates its arguments before sending anything and throws
 * {@link IllegalArgumentException} for a bad one, and a failed request throws {@link WebPubSubException}.
 */
public final class WebPubSubServiceClient implements Closeable {

	/** REST API version sent with every request. */
	public static final String API_VERSION = "2024-12-01";

	private final ServiceRequestExecutor executor;

	private final Lazy<HttpUrl> endpoint;

	private final String hub;

	private final ClientAccessTokenMinter tokenMinter;

	private final boolean ownsHttpClient;

	/**
	 * The URL of sendToAll without options, built on the first such send. Building it for every send took about 4% of
	 * the sending threads' CPU time in the client benchmark (16 callers, 1 KB messages, a loopback server). HttpUrl
	 * is immutable, so two threads that race here only build it twice.
	 */
	private @Nullable HttpUrl sendToAllUrl;

	WebPubSubServiceClient(ServiceRequestExecutor executor, Lazy<HttpUrl> endpoint, String hub,
			ClientAccessTokenMinter tokenMinter, boolean ownsHttpClient) {
		this.executor = executor;
		this.endpoint = endpoint;
		this.hub = Arguments.requireHub(hub);
		this.tokenMinter = tokenMinter;
		this.ownsHttpClient = ownsHttpClient;
	}

	/** Returns a builder for a client. */
	public static WebPubSubServiceClientBuilder builder() {
		return new WebPubSubServiceClientBuilder();
	}

	/** Returns a client for another hub of the same resource, sharing this client's connection pool. */
	public WebPubSubServiceClient forHub(String hub) {
		return new WebPubSubServiceClient(this.executor, this.endpoint, hub, this.tokenMinter, false);
	}

	/** Returns the hub this client works on. */
	public String getHub() {
		return this.hub;
	}

	/** Returns the service endpoint, which is also the base of client URLs. */
	public String getEndpoint() {
		return this.endpoint.get().toString();
	}

	// Sending messages

	/** Sends a message to every connection of the hub. */
	public void sendToAll(WebPubSubMessage message) {
		sendToAll(message, SendOptions.none());
	}

	/** Sends a message to the connections of the hub that match the options. */
	public void sendToAll(WebPubSubMessage message, SendOptions options) {
		if (options == SendOptions.none()) {
			postMessage("sendToAll", sendToAllUrl(), message);
			return;
		}
		send("sendToAll", hubUrl().addPathSegment(":send"), message, options, true, true);
	}

	/** Sends a message to every connection in a group. */
	public void sendToGroup(String group, WebPubSubMessage message) {
		sendToGroup(group, message, SendOptions.none());
	}

	/** Sends a message to the connections in a group that match the options. */
	public void sendToGroup(String group, WebPubSubMessage message, SendOptions options) {
		send("sendToGroup", groupUrl(group).addPathSegment(":send"), message, options, true, true);
	}

	/** Sends a message to every connection of a user. */
	public void sendToUser(String userId, WebPubSubMessage message) {
		sendToUser(userId, message, SendOptions.none());
	}

	/** Sends a message to the connections of a user that match the options; excluded ids are not supported. */
	public void sendToUser(String userId, WebPubSubMessage message, SendOptions options) {
		send("sendToUser", userUrl(userId).addPathSegment(":send"), message, options, true, false);
	}

	/** Sends a message to one connection. */
	public void sendToConnection(String connectionId, WebPubSubMessage message) {
		sendToConnection(connectionId, message, SendOptions.none());
	}

	/** Sends a message to one connection; only the time to live of the options is supported. */
	public void sendToConnection(String connectionId, WebPubSubMessage message, SendOptions options) {
		HttpUrl.Builder url = connectionUrl(connectionId);
		send("sendToConnection", url.addPathSegment(":send"), message, options, false, false);
	}

	// Existence checks

	/** Returns whether a connection with this id is open. */
	public boolean connectionExists(String connectionId) {
		return this.executor.exists("connectionExists", head(connectionUrl(connectionId)));
	}

	/** Returns whether the user has at least one open connection. */
	public boolean userExists(String userId) {
		return this.executor.exists("userExists", head(userUrl(userId)));
	}

	/** Returns whether the group has at least one connection. */
	public boolean groupExists(String group) {
		return this.executor.exists("groupExists", head(groupUrl(group)));
	}

	// Closing connections

	/** Closes one connection with the service's default reason. */
	public void closeConnection(String connectionId) {
		closeConnection(connectionId, null);
	}

	/** Closes one connection; the reason, when not {@code null}, reaches the client and the disconnected event. */
	public void closeConnection(String connectionId, @Nullable String reason) {
		HttpUrl.Builder url = connectionUrl(connectionId);
		if (reason != null) {
			url.addQueryParameter("reason", Arguments.requireNonBlank("reason", reason));
		}
		this.executor.execute("closeConnection", new Request.Builder().url(url.build()).delete().build());
	}

	/** Closes every connection of the hub. */
	public void closeAllConnections() {
		closeAllConnections(CloseOptions.none());
	}

	/** Closes every connection of the hub except the excluded ones. */
	public void closeAllConnections(CloseOptions options) {
		close("closeAllConnections", hubUrl(), options);
	}

	/** Closes every connection in a group. */
	public void closeGroupConnections(String group) {
		closeGroupConnections(group, CloseOptions.none());
	}

	/** Closes every connection in a group except the excluded ones. */
	public void closeGroupConnections(String group, CloseOptions options) {
		close("closeGroupConnections", groupUrl(group), options);
	}

	/** Closes every connection of a user. */
	public void closeUserConnections(String userId) {
		closeUserConnections(userId, CloseOptions.none());
	}

	/** Closes every connection of a user except the excluded ones. */
	public void closeUserConnections(String userId, CloseOptions options) {
		close("closeUserConnections", userUrl(userId), options);
	}

	// Group membership

	/** Adds a connection to a group. */
	public void addConnectionToGroup(String group, String connectionId) {
		HttpUrl.Builder url = groupUrl(group).addPathSegment("connections")
			.addEncodedPathSegment(connectionSegment(connectionId));
		this.executor.execute("addConnectionToGroup", put(url));
	}

	/** Removes a connection from a group. */
	public void removeConnectionFromGroup(String group, String connectionId) {
		HttpUrl.Builder url = groupUrl(group).addPathSegment("connections")
			.addEncodedPathSegment(connectionSegment(connectionId));
		this.executor.execute("removeConnectionFromGroup", delete(url));
	}

	/** Removes a connection from every group it is in. */
	public void removeConnectionFromAllGroups(String connectionId) {
		HttpUrl.Builder url = connectionUrl(connectionId).addPathSegment("groups");
		this.executor.execute("removeConnectionFromAllGroups", delete(url));
	}

	/** Adds every connection of a user, present and future, to a group. */
	public void addUserToGroup(String group, String userId) {
		HttpUrl.Builder url = userUrl(userId).addPathSegment("groups").addEncodedPathSegment(groupSegment(group));
		this.executor.execute("addUserToGroup", put(url));
	}

	/** Removes a user from a group. */
	public void removeUserFromGroup(String group, String userId) {
		HttpUrl.Builder url = userUrl(userId).addPathSegment("groups").addEncodedPathSegment(groupSegment(group));
		this.executor.execute("removeUserFromGroup", delete(url));
	}

	/** Removes a user from every group. */
	public void removeUserFromAllGroups(String userId) {
		this.executor.execute("removeUserFromAllGroups", delete(userUrl(userId).addPathSegment("groups")));
	}

	/**
	 * Adds the connections that match an OData filter to every given group.
	 * @param filter an OData filter such as {@code userId eq 'alice'}, or {@code null} for every connection
	 */
	public void addConnectionsToGroups(List<String> groups, @Nullable String filter) {
		this.executor.execute("addConnectionsToGroups",
				post(hubUrl().addPathSegment(":addToGroups"), groupsRequestBody(groups, filter)));
	}

	/**
	 * Removes the connections that match an OData filter from every given group.
	 * @param filter an OData filter such as {@code userId eq 'alice'}, or {@code null} for every connection
	 */
	public void removeConnectionsFromGroups(List<String> groups, @Nullable String filter) {
		this.executor.execute("removeConnectionsFromGroups",
				post(hubUrl().addPathSegment(":removeFromGroups"), groupsRequestBody(groups, filter)));
	}

	/** Lists the connections in a group, fetching pages of 200 as the stream is read. */
	public Stream<GroupMember> listConnectionsInGroup(String group) {
		return listConnectionsInGroup(group, ListConnectionsOptions.DEFAULT);
	}

	/**
	 * Lists the connections in a group, fetching one page per request as the stream is read. A request fails with
	 * {@link WebPubSubException} while the stream is consumed.
	 */
	public Stream<GroupMember> listConnectionsInGroup(String group, ListConnectionsOptions options) {
		Objects.requireNonNull(options, "'options' must not be null");
		HttpUrl.Builder url = groupUrl(group).addPathSegment("connections")
			.addQueryParameter("maxpagesize", Integer.toString(options.maxPageSize()));
		if (options.top() != null) {
			url.addQueryParameter("top", options.top().toString());
		}
		return StreamSupport.stream(new GroupMemberPages(this.executor, this.endpoint.get(), url.build()), false);
	}

	// Permissions

	/** Grants a permission to a connection for every group. */
	public void grantPermission(WebPubSubPermission permission, String connectionId) {
		grantPermission(permission, connectionId, null);
	}

	/** Grants a permission to a connection for one group, or every group when {@code targetGroup} is null. */
	public void grantPermission(WebPubSubPermission permission, String connectionId, @Nullable String targetGroup) {
		this.executor.execute("grantPermission", put(permissionUrl(permission, connectionId, targetGroup)));
	}

	/** Revokes a permission of a connection for every group. */
	public void revokePermission(WebPubSubPermission permission, String connectionId) {
		revokePermission(permission, connectionId, null);
	}

	/** Revokes a permission of a connection for one group, or every group when {@code targetGroup} is null. */
	public void revokePermission(WebPubSubPermission permission, String connectionId, @Nullable String targetGroup) {
		this.executor.execute("revokePermission", delete(permissionUrl(permission, connectionId, targetGroup)));
	}

	/** Returns whether a connection has a permission for every group. */
	public boolean checkPermission(WebPubSubPermission permission, String connectionId) {
		return checkPermission(permission, connectionId, null);
	}

	/** Returns whether a connection has a permission for one group, or every group when {@code targetGroup} is null. */
	public boolean checkPermission(WebPubSubPermission permission, String connectionId, @Nullable String targetGroup) {
		return this.executor.exists("checkPermission", head(permissionUrl(permission, connectionId, targetGroup)));
	}

	// Service health and client tokens

	/**
	 * Checks that the service is healthy, with a single attempt so a health probe reports a failure at once.
	 * @throws WebPubSubException if the service responds with a status other than 2xx or cannot be reached
	 */
	public void checkServiceHealth() {
		HttpUrl url = this.endpoint.get().newBuilder()
			.addPathSegments("api/health")
			.addQueryParameter("api-version", API_VERSION)
			.build();
		Request request = new Request.Builder().url(url).head().tag(RetryOptions.class, RetryOptions.none()).build();
		this.executor.execute("checkServiceHealth", request);
	}

	/** Mints a token for an anonymous client with no roles, valid for 60 minutes. No request is sent. */
	public ClientAccessToken getClientAccessToken() {
		return getClientAccessToken(ClientAccessTokenOptions.defaults());
	}

	/** Mints a client access token locally with the access key. No request is sent. */
	public ClientAccessToken getClientAccessToken(ClientAccessTokenOptions options) {
		return this.tokenMinter.mint(this.hub, Objects.requireNonNull(options, "'options' must not be null"));
	}

	/**
	 * Asks the service to mint a client access token ({@code :generateToken}). Prefer
	 * {@link #getClientAccessToken(ClientAccessTokenOptions)}, which needs no request. This one suits tokens the
	 * service should sign itself.
	 */
	public ClientAccessToken fetchClientAccessToken(ClientAccessTokenOptions options) {
		Objects.requireNonNull(options, "'options' must not be null");
		HttpUrl.Builder url = hubUrl().addPathSegment(":generateToken");
		if (options.getUserId() != null) {
			url.addQueryParameter("userId", options.getUserId());
		}
		options.getRoles().forEach((role) -> url.addQueryParameter("role", role));
		url.addQueryParameter("minutesToExpire", Long.toString(options.getLifetime().toMinutes()));
		options.getGroups().forEach((group) -> url.addQueryParameter("group", group));
		url.addQueryParameter("clientType", clientType(options.getClientProtocol()));

		Instant requestedAt = Instant.now();
		JsonNode body = this.executor.executeForJson("fetchClientAccessToken", post(url, OkHttpConstants.EMPTY_BODY));
		JsonNode token = body.get("token");
		if (token == null || !token.isString()) {
			throw new WebPubSubException("fetchClientAccessToken", 200, null, "the response has no 'token' field");
		}
		String audience = this.tokenMinter.audience(this.hub, options.getClientProtocol());
		return new ClientAccessToken(token.stringValue(), requestedAt.plus(options.getLifetime()),
				ClientAccessTokenMinter.clientUrl(audience, token.stringValue()));
	}

	/**
	 * Releases the connection pool and threads of the HTTP client. A client made by {@link #forHub(String)} shares
	 * them with the client it came from, so closing it does nothing.
	 */
	@Override
	public void close() {
		if (this.ownsHttpClient) {
			this.executor.shutDown();
		}
	}

	@Override
	public String toString() {
		return "WebPubSubServiceClient[endpoint=" + this.endpoint.get() + ", hub=" + this.hub + "]";
	}

	// Request building

	private void send(String operation, HttpUrl.Builder url, WebPubSubMessage message, SendOptions options,
			boolean supportsFilter, boolean supportsExcluded) {
		Objects.requireNonNull(message, "'message' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		if (options.getFilter() != null) {
			requireSupported(operation, "filter", supportsFilter);
			url.addQueryParameter("filter", options.getFilter());
		}
		if (!options.getExcludedConnectionIds().isEmpty()) {
			requireSupported(operation, "excluded", supportsExcluded);
			options.getExcludedConnectionIds().forEach((connectionId) -> url.addQueryParameter("excluded", connectionId));
		}
		if (options.getMessageTtlSeconds() != null) {
			url.addQueryParameter("messageTtlSeconds", options.getMessageTtlSeconds().toString());
		}
		postMessage(operation, url.build(), message);
	}

	private void postMessage(String operation, HttpUrl url, WebPubSubMessage message) {
		Objects.requireNonNull(message, "'message' must not be null");
		byte[] body = Arguments.requireMessageSize(message.toBytes(this.executor.jsonMapper()));
		Request request = new Request.Builder().url(url).post(RequestBody.create(body, message.mediaType())).build();
		this.executor.execute(operation, request);
	}

	private HttpUrl sendToAllUrl() {
		HttpUrl url = this.sendToAllUrl;
		if (url == null) {
			url = hubUrl().addPathSegment(":send").build();
			this.sendToAllUrl = url;
		}
		return url;
	}

	private static void requireSupported(String operation, String option, boolean supported) {
		if (!supported) {
			throw new IllegalArgumentException("'" + option + "' is not supported by " + operation
					+ ": the REST API has no such parameter for it; remove it from the SendOptions");
		}
	}

	private void close(String operation, HttpUrl.Builder target, CloseOptions options) {
		Objects.requireNonNull(options, "'options' must not be null");
		HttpUrl.Builder url = target.addPathSegment(":closeConnections");
		options.getExcludedConnectionIds().forEach((connectionId) -> url.addQueryParameter("excluded", connectionId));
		if (options.getReason() != null) {
			url.addQueryParameter("reason", options.getReason());
		}
		this.executor.execute(operation, post(url, OkHttpConstants.EMPTY_BODY));
	}

	private RequestBody groupsRequestBody(List<String> groups, @Nullable String filter) {
		Objects.requireNonNull(groups, "'groups' must not be null");
		if (groups.isEmpty()) {
			throw new IllegalArgumentException("'groups' must not be empty: name at least one group");
		}
		List<String> checked = new ArrayList<>();
		groups.forEach((group) -> checked.add(Arguments.requireGroup(group)));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("groups", checked);
		if (filter != null) {
			body.put("filter", Arguments.requireNonBlank("filter", filter));
		}
		return RequestBody.create(this.executor.jsonMapper().writeValueAsBytes(body), OkHttpConstants.JSON);
	}

	private HttpUrl.Builder permissionUrl(WebPubSubPermission permission, String connectionId,
			@Nullable String targetGroup) {
		Objects.requireNonNull(permission, "'permission' must not be null");
		HttpUrl.Builder url = hubUrl().addPathSegment("permissions")
			.addPathSegment(permission.wireName())
			.addPathSegment("connections")
			.addEncodedPathSegment(connectionSegment(connectionId));
		if (targetGroup != null) {
			url.addQueryParameter("targetName", Arguments.requireGroup(targetGroup));
		}
		return url;
	}

	private HttpUrl.Builder hubUrl() {
		return this.endpoint.get().newBuilder()
			.addPathSegments("api/hubs")
			.addEncodedPathSegment(PathSegments.encode("hub", this.hub))
			.addQueryParameter("api-version", API_VERSION);
	}

	private HttpUrl.Builder connectionUrl(String connectionId) {
		return hubUrl().addPathSegment("connections").addEncodedPathSegment(connectionSegment(connectionId));
	}

	private HttpUrl.Builder userUrl(String userId) {
		return hubUrl().addPathSegment("users")
			.addEncodedPathSegment(PathSegments.encode("userId", Arguments.requireNonBlank("userId", userId)));
	}

	private HttpUrl.Builder groupUrl(String group) {
		return hubUrl().addPathSegment("groups").addEncodedPathSegment(groupSegment(group));
	}

	private static String connectionSegment(String connectionId) {
		return PathSegments.encode("connectionId", Arguments.requireNonBlank("connectionId", connectionId));
	}

	private static String groupSegment(String group) {
		return PathSegments.encode("group", Arguments.requireGroup(group));
	}

	private static String clientType(WebPubSubClientProtocol protocol) {
		return switch (protocol) {
			case DEFAULT -> "default";
			case MQTT -> "mqtt";
			case SOCKET_IO -> "socketio";
		};
	}

	private static Request head(HttpUrl.Builder url) {
		return new Request.Builder().url(url.build()).head().build();
	}

	private static Request put(HttpUrl.Builder url) {
		return new Request.Builder().url(url.build()).put(OkHttpConstants.EMPTY_BODY).build();
	}

	private static Request delete(HttpUrl.Builder url) {
		return new Request.Builder().url(url.build()).delete().build();
	}

	private static Request post(HttpUrl.Builder url, RequestBody body) {
		return new Request.Builder().url(url.build()).post(body).build();
	}

	/**
	 * OkHttp values shared by every request, in a class of their own, so that creating a client does not load
	 * OkHttp: the JVM initializes this class on the first request that uses it.
	 */
	private static final class OkHttpConstants {

		static final RequestBody EMPTY_BODY = RequestBody.create(new byte[0]);

		static final MediaType JSON = MediaType.get("application/json");

	}

}
