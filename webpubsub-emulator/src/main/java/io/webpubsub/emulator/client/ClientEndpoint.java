package io.webpubsub.emulator.client;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.webpubsub.emulator.auth.AccessTokens;
import io.webpubsub.emulator.auth.TokenRejectedException;
import io.webpubsub.emulator.hub.Hub;
import io.webpubsub.emulator.hub.HubNames;
import io.webpubsub.emulator.hub.ServiceState;
import io.webpubsub.emulator.upstream.UpstreamClient;
import io.webpubsub.emulator.upstream.UpstreamEvent;
import io.webpubsub.emulator.upstream.UpstreamReply;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Accepts client WebSockets at {@code /client/hubs/{hub}} (or {@code /client/?hub=}). It checks the access token
 * from {@code access_token} or {@code Authorization}, consults the hub's event handler through the {@code connect} event
 * when there is one, upgrades the connection with the selected subprotocol, adds it to the hub with its user, roles
 * and groups, and sends the JSON subprotocols' {@code connected} message first. The {@code connected} and
 * {@code disconnected} events follow.
 * <p>
 * A request with {@code awps_connection_id} and {@code awps_reconnection_token} instead recovers a dropped connection
 * of the reliable JSON subprotocol, without an access token and without new upstream events. A failed recovery is
 * upgraded and then closed at once with 1008.
 */
public final class ClientEndpoint {

	private static final Logger logger = LoggerFactory.getLogger(ClientEndpoint.class);

	/** Largest frame a client may send: the service's 1 MB message limit. */
	static final int MAX_FRAME_BYTES = 1024 * 1024;

	private static final String CONNECTION_ID_PARAMETER = "awps_connection_id";

	private static final String RECONNECTION_TOKEN_PARAMETER = "awps_reconnection_token";

	private final ServiceState state;

	private final AccessTokens tokens;

	private final JsonMapper jsonMapper;

	private final UpstreamClient upstream;

	private final ReliableOptions reliableOptions;

	/** Creates the endpoint with the service's limits for the reliable JSON subprotocol. */
	public ClientEndpoint(ServiceState state, AccessTokens tokens, JsonMapper jsonMapper, UpstreamClient upstream) {
		this(state, tokens, jsonMapper, upstream, ReliableOptions.DEFAULTS);
	}

	ClientEndpoint(ServiceState state, AccessTokens tokens, JsonMapper jsonMapper, UpstreamClient upstream,
			ReliableOptions reliableOptions) {
		this.state = state;
		this.tokens = tokens;
		this.jsonMapper = jsonMapper;
		this.upstream = upstream;
		this.reliableOptions = reliableOptions;
	}

	/** Handles a request under {@code /client}: upgrades it to a WebSocket, or responds with an HTTP error. */
	public void handle(ChannelHandlerContext context, FullHttpRequest request) {
		QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
		String hubName = hubName(decoder);
		if (hubName == null || !HubNames.isValid(hubName)) {
			reject(context, request, 400, "Missing or invalid hub: connect to /client/hubs/<hub>");
			return;
		}
		if (!"websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
			reject(context, request, 400, "Expected a WebSocket upgrade request");
			return;
		}
		if (decoder.parameters().containsKey(CONNECTION_ID_PARAMETER)) {
			recover(context, request, hubName, decoder);
			return;
		}
		String host = request.headers().get(HttpHeaderNames.HOST, "localhost");
		JWTClaimsSet claims;
		try {
			claims = this.tokens.verifyClientToken(token(request, decoder), "http://" + host + "/client/hubs/" + hubName);
		}
		catch (TokenRejectedException ex) {
			logger.debug("Rejected a client of hub {}: {}", hubName, ex.getMessage());
			reject(context, request, 401, ex.getMessage());
			return;
		}

		List<String> roles;
		List<String> groups;
		try {
			roles = stringList(claims, "role");
			groups = stringList(claims, "webpubsub.group");
		}
		catch (ParseException | IllegalArgumentException ex) {
			reject(context, request, 400, "Invalid token claims: " + ex.getMessage());
			return;
		}
		for (String group : groups) {
			if (group.isBlank() || group.length() > 1024) {
				reject(context, request, 400, "Invalid group in the token's 'webpubsub.group' claim");
				return;
			}
		}

		List<String> offered = offeredSubprotocols(request);
		ConnectDecision defaults = new ConnectDecision(claims.getSubject(), roles, groups, null, null);
		if (!this.upstream.hasUpstream(hubName)) {
			accept(context, request, hubName, newConnectionId(), offered, defaults);
			return;
		}

		// The connect event decides whether the client may connect, so the upgrade waits for its reply.
		String connectionId = newConnectionId();
		byte[] body = connectBody(claims, decoder, request, offered);
		request.retain();
		this.upstream.send(new UpstreamEvent(hubName, connectionId, claims.getSubject(), "azure.webpubsub.sys.connect",
				"connect", null, null, 0, "application/json; charset=utf-8", body))
			.thenAccept((reply) -> context.channel().eventLoop().execute(() -> {
				try {
					onConnectReply(context, request, hubName, connectionId, offered, defaults, reply);
				}
				finally {
					request.release();
				}
			}));
	}

	private void onConnectReply(ChannelHandlerContext context, FullHttpRequest request, String hubName,
			String connectionId, List<String> offered, ConnectDecision defaults, UpstreamReply reply) {
		if (reply.failure() != null) {
			reject(context, request, 500, "The event handler of hub " + hubName + " did not respond to connect");
			return;
		}
		if (!reply.isSuccessful()) {
			String message = new String(reply.body(), StandardCharsets.UTF_8);
			reject(context, request, reply.status(), message.isBlank() ? "Rejected by the event handler" : message);
			return;
		}
		ConnectDecision decision;
		try {
			decision = defaults.apply(reply, this.jsonMapper);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("The connect response of hub {} for connection {} is invalid: {}", hubName, connectionId,
					ex.getMessage());
			reject(context, request, 500, "The event handler returned an invalid connect response");
			return;
		}
		if (decision.subprotocol() != null && !offered.contains(decision.subprotocol())) {
			logger.warn("The event handler of hub {} selected subprotocol '{}' that connection {} did not offer",
					hubName, decision.subprotocol(), connectionId);
			reject(context, request, 500, "The event handler selected a subprotocol the client did not offer");
			return;
		}
		accept(context, request, hubName, connectionId, offered, decision);
	}

	private void accept(ChannelHandlerContext context, FullHttpRequest request, String hubName, String connectionId,
			List<String> offered, ConnectDecision decision) {
		String subprotocol = (decision.subprotocol() != null) ? decision.subprotocol()
				: ClientProtocol.select(offered).subprotocolName();
		ClientProtocol protocol = ClientProtocol.select((subprotocol != null) ? List.of(subprotocol) : List.of());
		WebSocketServerHandshaker handshaker = handshaker(request, subprotocol);
		if (handshaker == null) {
			WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(context.channel());
			return;
		}
		Hub hub = this.state.hub(hubName);
		WebSocketConnection connection = new WebSocketConnection(hubName, connectionId, decision.userId(), protocol,
				subprotocol, decision.roles(), context.channel(), this.jsonMapper, this.reliableOptions);
		connection.setConnectionState(decision.connectionState());
		connection.onEnded((ended) -> onEnded(hub, ended));
		context.pipeline().replace(context.handler(), "client-session",
				new ClientSession(connection, hub, handshaker, this.jsonMapper, this.upstream));
		handshaker.handshake(context.channel(), request).addListener((ChannelFutureListener) (future) -> {
			if (!future.isSuccess()) {
				logger.debug("WebSocket handshake failed: {}", future.cause().toString());
				return;
			}
			hub.add(connection, decision.groups());
			logger.debug("Connection {} of hub {} opened for user {} with {}", connectionId, hubName,
					connection.userId(), (subprotocol != null) ? subprotocol : "no subprotocol");
			context.channel().closeFuture().addListener((closed) -> connection.onSocketClosed(context.channel()));
			if (protocol.isJson()) {
				connection.sendConnected();
			}
			if (this.upstream.hasUpstream(hubName)) {
				this.upstream.send(systemEvent(connection, "connected", "{}"));
			}
		});
	}

	/**
	 * Recovers a dropped reliable connection on this socket, or upgrades and closes the socket with 1008 when the
	 * connection is not found, has ended, or the token does not match.
	 */
	private void recover(ChannelHandlerContext context, FullHttpRequest request, String hubName,
			QueryStringDecoder decoder) {
		List<String> offered = offeredSubprotocols(request);
		String subprotocol = ClientProtocol.select(offered).subprotocolName();
		WebSocketServerHandshaker handshaker = handshaker(request, subprotocol);
		if (handshaker == null) {
			WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(context.channel());
			return;
		}
		Hub hub = this.state.hub(hubName);
		String connectionId = firstValue(decoder, CONNECTION_ID_PARAMETER);
		String token = firstValue(decoder, RECONNECTION_TOKEN_PARAMETER);
		WebSocketConnection connection = (hub.connection(connectionId) instanceof WebSocketConnection found) ? found
				: null;
		String failure = (connection != null) ? recoveryFailure(connection, offered, token)
				: "Connection " + connectionId + " is not found in hub " + hub.name()
						+ ": it was closed or not recovered in time";
		if (connection == null || failure != null) {
			logger.debug("Rejected the recovery of connection {} of hub {}: {}", connectionId, hub.name(), failure);
			context.pipeline().remove(context.handler());
			handshaker.handshake(context.channel(), request).addListener((ChannelFutureListener) (future) -> {
				if (future.isSuccess()) {
					closeWith1008(context.channel(), failure);
				}
			});
			return;
		}
		context.pipeline().replace(context.handler(), "client-session",
				new ClientSession(connection, hub, handshaker, this.jsonMapper, this.upstream));
		handshaker.handshake(context.channel(), request).addListener((ChannelFutureListener) (future) -> {
			if (!future.isSuccess()) {
				logger.debug("WebSocket handshake failed: {}", future.cause().toString());
				return;
			}
			if (!connection.recover(context.channel())) {
				logger.debug("Connection {} of hub {} ended before it could be recovered", connectionId, hub.name());
				closeWith1008(context.channel(), "Connection " + connectionId + " has been closed");
				return;
			}
			context.channel().closeFuture().addListener((closed) -> connection.onSocketClosed(context.channel()));
		});
	}

	/** Returns why the request cannot recover the connection, or {@code null} when it can. */
	private static @Nullable String recoveryFailure(WebSocketConnection connection, List<String> offered,
			String token) {
		if (ClientProtocol.select(offered) != ClientProtocol.RELIABLE_JSON) {
			return "Recovering a connection requires the " + ClientProtocol.RELIABLE_JSON.subprotocolName()
					+ " subprotocol";
		}
		if (token.isEmpty()) {
			return "Missing " + RECONNECTION_TOKEN_PARAMETER + " for connection " + connection.connectionId();
		}
		return connection.recoveryFailure(token);
	}

	private static void closeWith1008(Channel channel, String reason) {
		channel.writeAndFlush(new CloseWebSocketFrame(1008, WebSocketConnection.truncate(reason)))
			.addListener(ChannelFutureListener.CLOSE);
	}

	private static @Nullable WebSocketServerHandshaker handshaker(FullHttpRequest request,
			@Nullable String subprotocol) {
		String host = request.headers().get(HttpHeaderNames.HOST, "localhost");
		WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
				"ws://" + host + new QueryStringDecoder(request.uri()).path(), subprotocol, true, MAX_FRAME_BYTES);
		return factory.newHandshaker(request);
	}

	/** Removes an ended connection from the hub and sends the {@code disconnected} event. */
	private void onEnded(Hub hub, WebSocketConnection connection) {
		hub.remove(connection.connectionId());
		logger.debug("Connection {} of hub {} closed", connection.connectionId(), hub.name());
		if (this.upstream.hasUpstream(connection.hub())) {
			String reason = this.jsonMapper.createObjectNode().put("reason", connection.closeReason()).toString();
			this.upstream.send(systemEvent(connection, "disconnected", reason));
		}
	}

	private static UpstreamEvent systemEvent(WebSocketConnection connection, String event, String body) {
		return new UpstreamEvent(connection.hub(), connection.connectionId(), connection.userId(),
				"azure.webpubsub.sys." + event, event, connection.protocol(), connection.connectionState(),
				connection.nextEventId(), "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns the body of the connect event: the token's claims, the query without the access token, the headers
	 * without credentials, and the offered subprotocols, each a map of names to string arrays.
	 */
	private byte[] connectBody(JWTClaimsSet claims, QueryStringDecoder decoder, FullHttpRequest request,
			List<String> offered) {
		ObjectNode body = this.jsonMapper.createObjectNode();
		ObjectNode claimsNode = body.putObject("claims");
		claims.getClaims().forEach((name, value) -> {
			ArrayNode values = claimsNode.putArray(name);
			if (value instanceof Collection<?> collection) {
				collection.forEach((item) -> values.add(String.valueOf(item)));
			}
			else if (value instanceof java.util.Date date) {
				values.add(Long.toString(date.toInstant().getEpochSecond()));
			}
			else {
				values.add(String.valueOf(value));
			}
		});
		ObjectNode query = body.putObject("query");
		decoder.parameters().forEach((name, values) -> {
			if (!name.equals("access_token")) {
				ArrayNode array = query.putArray(name);
				values.forEach(array::add);
			}
		});
		ObjectNode headers = body.putObject("headers");
		for (String name : request.headers().names()) {
			if (!name.equalsIgnoreCase("Authorization") && !name.equalsIgnoreCase("Cookie")) {
				ArrayNode array = headers.putArray(name);
				request.headers().getAll(name).forEach(array::add);
			}
		}
		ArrayNode subprotocols = body.putArray("subprotocols");
		offered.forEach(subprotocols::add);
		body.putArray("clientCertificates");
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static @Nullable String hubName(QueryStringDecoder decoder) {
		String path = decoder.path();
		if (path.startsWith("/client/hubs/")) {
			String hub = path.substring("/client/hubs/".length());
			return hub.endsWith("/") ? hub.substring(0, hub.length() - 1) : hub;
		}
		if (path.equals("/client") || path.equals("/client/")) {
			List<String> hubs = decoder.parameters().get("hub");
			return (hubs == null || hubs.isEmpty()) ? null : hubs.get(0);
		}
		return null;
	}

	private static @Nullable String token(FullHttpRequest request, QueryStringDecoder decoder) {
		List<String> tokens = decoder.parameters().get("access_token");
		if (tokens != null && !tokens.isEmpty()) {
			return tokens.get(0);
		}
		String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7);
		}
		return null;
	}

	/** Reads a claim that SDKs write as an array of strings, accepting a single string too. */
	private static List<String> stringList(JWTClaimsSet claims, String name) throws ParseException {
		Object value = claims.getClaim(name);
		if (value == null) {
			return List.of();
		}
		if (value instanceof String text) {
			return List.of(text);
		}
		List<String> values = claims.getStringListClaim(name);
		return (values != null) ? new ArrayList<>(values) : List.of();
	}

	/** Returns the first value of a query parameter, or an empty string when it is missing. */
	private static String firstValue(QueryStringDecoder decoder, String name) {
		List<String> values = decoder.parameters().get(name);
		return (values == null || values.isEmpty()) ? "" : values.get(0);
	}

	private static List<String> offeredSubprotocols(FullHttpRequest request) {
		String header = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
		if (header == null || header.isBlank()) {
			return List.of();
		}
		List<String> offered = new ArrayList<>();
		for (String subprotocol : header.split(",")) {
			if (!subprotocol.isBlank()) {
				offered.add(subprotocol.trim());
			}
		}
		return offered;
	}

	private static String newConnectionId() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	private static void reject(ChannelHandlerContext context, FullHttpRequest request, int status, String message) {
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
				Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
		response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
		HttpUtil.setContentLength(response, response.content().readableBytes());
		context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

}
