package io.webpubsub.compat.npmsdk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.webpubsub.emulator.WebPubSubEmulator;
import io.webpubsub.emulator.hub.Hub;
import io.webpubsub.emulator.hub.HubConnection;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every operation of {@code WebPubSubServiceClient} from Microsoft's npm package {@code @azure/web-pubsub}
 * 1.2.0 against the emulator, through {@code compat/npm-sdk/sdk-driver.js}. OkHttp clients of the JSON subprotocol
 * connect first with URLs from the SDK's {@code getClientAccessToken}, so each test checks what they receive and the
 * emulator's state as well as what the SDK returns. The SDK throws on any status its API description does not list,
 * so a successful call also means the emulator responded with the expected status.
 */
class NpmServiceClientTests {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Map<String, String> TEXT = Map.of("contentType", "text/plain");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static WebPubSubEmulator emulator;

	private static SdkDriverProcess sdk;

	private static OkHttpClient http;

	private final List<JsonSubprotocolSocket> sockets = new ArrayList<>();

	private String hub;

	private int markers;

	@BeforeAll
	static void startEmulatorAndDriver() throws Exception {
		http = new OkHttpClient.Builder().callTimeout(CALL_TIMEOUT).retryOnConnectionFailure(false).build();
		emulator = WebPubSubEmulator.start(0, WebPubSubEmulator.DEFAULT_ACCESS_KEY);
		Path directory = Path.of(System.getProperty("npm-sdk.dir", "npm-sdk"));
		sdk = SdkDriverProcess.start(directory, emulator.connectionString(), START_TIMEOUT, CALL_TIMEOUT);
	}

	@AfterAll
	static void stopEmulatorAndDriver() throws Exception {
		try {
			if (sdk != null) {
				sdk.close();
			}
		}
		finally {
			if (emulator != null) {
				emulator.close();
			}
			if (http != null) {
				http.dispatcher().executorService().shutdown();
				http.connectionPool().evictAll();
			}
		}
	}

	/** Gives each test a hub of its own, named after the test method. */
	@BeforeEach
	void nameHub(TestInfo test) {
		this.hub = test.getTestMethod().orElseThrow().getName();
	}

	@AfterEach
	void closeSockets() {
		this.sockets.forEach(JsonSubprotocolSocket::close);
	}

	@Test
	void driverRunsPinnedVersions() {
		assertThat(sdk.versions().path("@azure/web-pubsub").asString()).as("@azure/web-pubsub").isEqualTo("1.2.0");
		assertThat(sdk.versions().path("@azure/web-pubsub-client").asString()).as("@azure/web-pubsub-client")
			.isEqualTo("1.1.0");
	}

	@Test
	void sendToAllDataTypes() throws Exception {
		JsonSubprotocolSocket alice = connect("alice1", "alice");
		JsonSubprotocolSocket bob = connect("bob1", "bob");

		sdk.service(this.hub, "sendToAll", "hello", TEXT).result();
		sdk.service(this.hub, "sendToAll", Map.of("n", 1, "tags", List.of("a", "b"))).result();
		// A string without contentType is JSON: the SDK sends it as the JSON string "quoted".
		sdk.service(this.hub, "sendToAll", "quoted").result();
		sdk.service(this.hub, "sendToAll", SdkDriverProcess.binary(new byte[] { 1, 2, 3, (byte) 255 })).result();
		sdk.service(this.hub, "sendToAll", "with ttl", options("contentType", "text/plain", "messageTtlSeconds", 60))
			.result();

		for (JsonSubprotocolSocket receiver : List.of(alice, bob)) {
			assertServerMessage(receiver, "text", text("hello"));
			assertServerMessage(receiver, "json", JSON.readTree("{\"n\":1,\"tags\":[\"a\",\"b\"]}"));
			assertServerMessage(receiver, "json", text("quoted"));
			assertServerMessage(receiver, "binary", text("AQID/w=="));
			assertServerMessage(receiver, "text", text("with ttl"));
		}
	}

	@Test
	void sendToAllFilterAndExcluded() throws Exception {
		JsonSubprotocolSocket alice1 = connect("alice1", "alice");
		JsonSubprotocolSocket alice2 = connect("alice2", "alice");
		JsonSubprotocolSocket bob = connect("bob1", "bob");

		sdk.service(this.hub, "sendToAll", "to alice", options("contentType", "text/plain", "filter",
				"userId eq 'alice'")).result();
		assertServerMessage(alice1, "text", text("to alice"));
		assertServerMessage(alice2, "text", text("to alice"));
		assertNoMessage(bob);

		sdk.service(this.hub, "sendToAll", Map.of("skip", "alice1"),
				Map.of("excludedConnections", List.of(alice1.connectionId()))).result();
		assertServerMessage(alice2, "json", JSON.readTree("{\"skip\":\"alice1\"}"));
		assertServerMessage(bob, "json", JSON.readTree("{\"skip\":\"alice1\"}"));
		assertNoMessage(alice1);

		sdk.service(this.hub, "sendToAll", "alice2 only", options("contentType", "text/plain", "filter",
				"userId eq 'alice'", "excludedConnections", List.of(alice1.connectionId()))).result();
		assertServerMessage(alice2, "text", text("alice2 only"));
		assertNoMessage(alice1);
		assertNoMessage(bob);
	}

	@Test
	void sendToUserAndConnection() throws Exception {
		JsonSubprotocolSocket alice1 = connect("alice1", "alice");
		JsonSubprotocolSocket alice2 = connect("alice2", "alice");
		JsonSubprotocolSocket bob = connect("bob1", "bob");

		sdk.service(this.hub, "sendToUser", "alice", "hi alice", TEXT).result();
		sdk.service(this.hub, "sendToUser", "alice", Map.of("k", "v")).result();
		sdk.service(this.hub, "sendToUser", "alice", SdkDriverProcess.binary(new byte[] { 9 })).result();
		for (JsonSubprotocolSocket receiver : List.of(alice1, alice2)) {
			assertServerMessage(receiver, "text", text("hi alice"));
			assertServerMessage(receiver, "json", JSON.readTree("{\"k\":\"v\"}"));
			assertServerMessage(receiver, "binary", text("CQ=="));
		}
		assertNoMessage(bob);

		sdk.service(this.hub, "sendToUser", "alice", "alice2 only", options("contentType", "text/plain", "filter",
				"connectionId eq '" + alice2.connectionId() + "'")).result();
		assertServerMessage(alice2, "text", text("alice2 only"));
		assertNoMessage(alice1);

		sdk.service(this.hub, "sendToConnection", bob.connectionId(), "hi bob", TEXT).result();
		sdk.service(this.hub, "sendToConnection", bob.connectionId(), List.of(1, 2)).result();
		sdk.service(this.hub, "sendToConnection", bob.connectionId(), SdkDriverProcess.binary(new byte[] { 0 }),
				Map.of("messageTtlSeconds", 30)).result();
		assertServerMessage(bob, "text", text("hi bob"));
		assertServerMessage(bob, "json", JSON.readTree("[1,2]"));
		assertServerMessage(bob, "binary", text("AA=="));
		assertNoMessage(alice1);
		assertNoMessage(alice2);

		// The service accepts a send to a connection or user that is not connected, and drops the message.
		sdk.service(this.hub, "sendToConnection", "missing", "lost", TEXT).result();
		sdk.service(this.hub, "sendToUser", "nobody", "lost", TEXT).result();
	}

	@Test
	void existenceChecks() throws Exception {
		JsonSubprotocolSocket alice = connect("alice1", "alice");

		assertThat(sdk.service(this.hub, "connectionExists", alice.connectionId()).result().booleanValue())
			.as("connectionExists of a connected client").isTrue();
		assertThat(sdk.service(this.hub, "connectionExists", "missing").result().booleanValue())
			.as("connectionExists of an unknown id").isFalse();
		assertThat(sdk.service(this.hub, "userExists", "alice").result().booleanValue())
			.as("userExists of a connected user").isTrue();
		assertThat(sdk.service(this.hub, "userExists", "nobody").result().booleanValue())
			.as("userExists of an unknown user").isFalse();
		assertThat(sdk.service(this.hub, "groupExists", "lobby").result().booleanValue())
			.as("groupExists before anyone joined").isFalse();

		sdk.group(this.hub, "lobby", "addConnection", alice.connectionId()).result();
		assertThat(sdk.service(this.hub, "groupExists", "lobby").result().booleanValue())
			.as("groupExists after addConnection").isTrue();
	}

	@Test
	void groupSendAndMembership() throws Exception {
		JsonSubprotocolSocket alice1 = connect("alice1", "alice");
		JsonSubprotocolSocket alice2 = connect("alice2", "alice");
		JsonSubprotocolSocket bob = connect("bob1", "bob");

		sdk.group(this.hub, "lobby", "addConnection", alice1.connectionId()).result();
		sdk.group(this.hub, "lobby", "addUser", "bob").result();
		assertThat(memberIds("lobby")).as("members of lobby in the emulator")
			.containsExactlyInAnyOrder(alice1.connectionId(), bob.connectionId());

		sdk.group(this.hub, "lobby", "sendToAll", "to lobby", TEXT).result();
		sdk.group(this.hub, "lobby", "sendToAll", Map.of("room", "lobby")).result();
		sdk.group(this.hub, "lobby", "sendToAll", SdkDriverProcess.binary(new byte[] { 7, 7 })).result();
		for (JsonSubprotocolSocket receiver : List.of(alice1, bob)) {
			assertServerMessage(receiver, "text", text("to lobby"));
			assertServerMessage(receiver, "json", JSON.readTree("{\"room\":\"lobby\"}"));
			assertServerMessage(receiver, "binary", text("Bwc="));
		}
		assertNoMessage(alice2);

		sdk.group(this.hub, "lobby", "sendToAll", "not alice1", options("contentType", "text/plain",
				"excludedConnections", List.of(alice1.connectionId()))).result();
		assertServerMessage(bob, "text", text("not alice1"));
		assertNoMessage(alice1);

		sdk.group(this.hub, "lobby", "sendToAll", "alice only", options("contentType", "text/plain", "filter",
				"userId eq 'alice'")).result();
		assertServerMessage(alice1, "text", text("alice only"));
		assertNoMessage(bob);
		assertNoMessage(alice2);

		JsonNode members = sdk.group(this.hub, "lobby", "listConnections").result();
		assertThat(members(members)).as("listConnections of lobby")
			.containsExactlyInAnyOrder(alice1.connectionId() + "/alice", bob.connectionId() + "/bob");

		sdk.group(this.hub, "lobby", "removeConnection", alice1.connectionId()).result();
		assertThat(memberIds("lobby")).as("members of lobby after removeConnection")
			.containsExactly(bob.connectionId());
		sdk.group(this.hub, "lobby", "sendToAll", "after removeConnection", TEXT).result();
		assertServerMessage(bob, "text", text("after removeConnection"));
		assertNoMessage(alice1);

		sdk.group(this.hub, "lobby", "removeUser", "bob").result();
		assertThat(memberIds("lobby")).as("members of lobby after removeUser").isEmpty();
		assertThat(sdk.service(this.hub, "groupExists", "lobby").result().booleanValue())
			.as("groupExists of the emptied group").isFalse();
	}

	@Test
	void listConnectionsPaged() throws Exception {
		Set<String> expected = new HashSet<>();
		for (int i = 1; i <= 3; i++) {
			JsonSubprotocolSocket socket = connect("user" + i, "user" + i);
			sdk.group(this.hub, "lobby", "addConnection", socket.connectionId()).result();
			expected.add(socket.connectionId() + "/user" + i);
		}

		JsonNode pages = sdk.groupPages(this.hub, "lobby", Map.of("maxPageSize", 2)).result();
		assertThat(pages.size()).as("pages of listConnections with maxPageSize 2").isEqualTo(2);
		assertThat(pages.get(0).size()).as("members on page 1").isEqualTo(2);
		assertThat(pages.get(1).size()).as("members on page 2").isEqualTo(1);
		Set<String> listed = new HashSet<>(members(pages.get(0)));
		listed.addAll(members(pages.get(1)));
		assertThat(listed).as("members on both pages").isEqualTo(expected);

		JsonNode top = sdk.group(this.hub, "lobby", "listConnections", Map.of("top", 2)).result();
		assertThat(top.size()).as("members listed with top 2").isEqualTo(2);
	}

	@Test
	void removeFromAllGroups() throws Exception {
		JsonSubprotocolSocket alice1 = connect("alice1", "alice");
		JsonSubprotocolSocket alice2 = connect("alice2", "alice");
		JsonSubprotocolSocket bob = connect("bob1", "bob");
		for (String group : List.of("red", "blue")) {
			sdk.group(this.hub, group, "addUser", "alice").result();
			sdk.group(this.hub, group, "addConnection", bob.connectionId()).result();
		}
		assertThat(groupsOf(alice1)).as("groups of alice1 after addUser").containsExactlyInAnyOrder("red", "blue");
		assertThat(groupsOf(bob)).as("groups of bob1 after addConnection").containsExactlyInAnyOrder("red", "blue");

		sdk.service(this.hub, "removeUserFromAllGroups", "alice").result();
		assertThat(groupsOf(alice1)).as("groups of alice1 after removeUserFromAllGroups").isEmpty();
		assertThat(groupsOf(alice2)).as("groups of alice2 after removeUserFromAllGroups").isEmpty();
		assertThat(groupsOf(bob)).as("groups of bob1 after removeUserFromAllGroups")
			.containsExactlyInAnyOrder("red", "blue");

		sdk.service(this.hub, "removeConnectionFromAllGroups", bob.connectionId()).result();
		assertThat(groupsOf(bob)).as("groups of bob1 after removeConnectionFromAllGroups").isEmpty();
		assertThat(sdk.service(this.hub, "groupExists", "red").result().booleanValue())
			.as("groupExists of red after both removals").isFalse();
	}

	@Test
	void groupsByFilter() throws Exception {
		JsonSubprotocolSocket alice1 = connect("alice1", "alice");
		JsonSubprotocolSocket alice2 = connect("alice2", "alice");
		JsonSubprotocolSocket bob = connect("bob1", "bob");

		sdk.service(this.hub, "addConnectionsToGroups", List.of("red", "blue"), "userId eq 'alice'").result();
		assertThat(groupsOf(alice1)).as("groups of alice1 after addConnectionsToGroups")
			.containsExactlyInAnyOrder("red", "blue");
		assertThat(groupsOf(alice2)).as("groups of alice2 after addConnectionsToGroups")
			.containsExactlyInAnyOrder("red", "blue");
		assertThat(groupsOf(bob)).as("groups of bob1 after addConnectionsToGroups").isEmpty();

		sdk.service(this.hub, "removeConnectionsFromGroups", List.of("red"),
				"connectionId eq '" + alice1.connectionId() + "'").result();
		assertThat(groupsOf(alice1)).as("groups of alice1 after removeConnectionsFromGroups")
			.containsExactly("blue");
		assertThat(groupsOf(alice2)).as("groups of alice2 after removeConnectionsFromGroups")
			.containsExactlyInAnyOrder("red", "blue");
	}

	@Test
	void namesWithReservedCharacters() throws Exception {
		String user = "tenant/o'brien b+c";
		String group = "room/1 a+b&c=d";
		JsonSubprotocolSocket obrien = connect("obrien1", user);
		JsonSubprotocolSocket bob = connect("bob1", "bob");
		assertThat(obrien.userId()).as("userId in the connected message").isEqualTo(user);

		assertThat(sdk.service(this.hub, "userExists", user).result().booleanValue()).as("userExists").isTrue();
		sdk.service(this.hub, "sendToUser", user, "to user", TEXT).result();
		assertServerMessage(obrien, "text", text("to user"));

		sdk.group(this.hub, group, "addUser", user).result();
		assertThat(memberIds(group)).as("members of %s in the emulator", group)
			.containsExactly(obrien.connectionId());
		assertThat(sdk.service(this.hub, "groupExists", group).result().booleanValue()).as("groupExists").isTrue();
		assertThat(members(sdk.group(this.hub, group, "listConnections").result())).as("listConnections")
			.containsExactly(obrien.connectionId() + "/" + user);
		sdk.group(this.hub, group, "sendToAll", "to group", TEXT).result();
		assertServerMessage(obrien, "text", text("to group"));

		// The filter's string literal doubles the quote, as OData requires.
		sdk.service(this.hub, "sendToAll", "filtered", options("contentType", "text/plain", "filter",
				"'room/1 a+b&c=d' in groups and userId eq 'tenant/o''brien b+c'")).result();
		assertServerMessage(obrien, "text", text("filtered"));
		assertNoMessage(bob);

		sdk.service(this.hub, "grantPermission", obrien.connectionId(), "sendToGroup", Map.of("targetName", group))
			.result();
		assertThat(hasPermission(obrien.connectionId(), "sendToGroup", Map.of("targetName", group)))
			.as("sendToGroup on %s after the grant", group).isTrue();

		sdk.group(this.hub, group, "removeUser", user).result();
		assertThat(memberIds(group)).as("members of %s after removeUser", group).isEmpty();
		sdk.service(this.hub, "closeUserConnections", user, Map.of("reason", "reason with / & + = ?")).result();
		assertClosedWith(obrien, "reason with / & + = ?");
	}

	@Test
	void addMissingConnectionFails() {
		SdkDriverProcess.SdkReply reply = sdk.group(this.hub, "lobby", "addConnection", "missing");

		assertThat(reply.ok()).as("addConnection of an unknown connection succeeded: %s", reply.line()).isFalse();
		assertThat(reply.error().path("name").asString()).as("error name").isEqualTo("RestError");
		assertThat(reply.error().path("statusCode").asInt()).as("status code").isEqualTo(404);
	}

	@Test
	void grantRevokeAndHasPermission() throws Exception {
		JsonSubprotocolSocket alice = connect("alice1", "alice");
		String id = alice.connectionId();
		Map<String, String> lobby = Map.of("targetName", "lobby");

		assertThat(hasPermission(id, "sendToGroup", lobby)).as("sendToGroup on lobby before a grant").isFalse();
		assertAck(alice, sendToGroup("lobby", 1), false);

		sdk.service(this.hub, "grantPermission", id, "sendToGroup", lobby).result();
		assertThat(hasPermission(id, "sendToGroup", lobby)).as("sendToGroup on lobby after the grant").isTrue();
		assertThat(hasPermission(id, "sendToGroup", Map.of("targetName", "other")))
			.as("sendToGroup on another group after the grant").isFalse();
		assertAck(alice, sendToGroup("lobby", 2), true);

		sdk.service(this.hub, "revokePermission", id, "sendToGroup", lobby).result();
		assertThat(hasPermission(id, "sendToGroup", lobby)).as("sendToGroup on lobby after the revocation").isFalse();
		assertAck(alice, sendToGroup("lobby", 3), false);

		sdk.service(this.hub, "grantPermission", id, "joinLeaveGroup").result();
		assertThat(hasPermission(id, "joinLeaveGroup", Map.of())).as("joinLeaveGroup on every group").isTrue();
		assertThat(hasPermission(id, "joinLeaveGroup", Map.of("targetName", "news")))
			.as("joinLeaveGroup on news after the grant for every group").isTrue();
		assertAck(alice, "{\"type\":\"joinGroup\",\"group\":\"news\",\"ackId\":4}", true);
		assertThat(groupsOf(alice)).as("groups of alice1 after joinGroup").containsExactly("news");

		sdk.service(this.hub, "revokePermission", id, "joinLeaveGroup").result();
		assertThat(hasPermission(id, "joinLeaveGroup", Map.of())).as("joinLeaveGroup after the revocation")
			.isFalse();
		assertAck(alice, "{\"type\":\"leaveGroup\",\"group\":\"news\",\"ackId\":5}", false);
	}

	@Test
	void closeOperations() throws Exception {
		JsonSubprotocolSocket alice1 = connect("alice1", "alice");
		JsonSubprotocolSocket alice2 = connect("alice2", "alice");
		JsonSubprotocolSocket bob = connect("bob1", "bob");
		JsonSubprotocolSocket carol = connect("carol1", "carol");
		JsonSubprotocolSocket dave = connect("dave1", "dave");

		sdk.service(this.hub, "closeConnection", alice1.connectionId(), Map.of("reason", "closed one")).result();
		assertClosedWith(alice1, "closed one");
		assertThat(sdk.service(this.hub, "connectionExists", alice1.connectionId()).result().booleanValue())
			.as("connectionExists after closeConnection").isFalse();
		assertThat(alice2.isClosed()).as("alice2 closed by closeConnection of alice1").isFalse();

		sdk.service(this.hub, "closeUserConnections", "alice", Map.of("reason", "closed user")).result();
		assertClosedWith(alice2, "closed user");
		assertThat(sdk.service(this.hub, "userExists", "alice").result().booleanValue())
			.as("userExists after closeUserConnections").isFalse();

		sdk.group(this.hub, "lobby", "addConnection", carol.connectionId()).result();
		sdk.group(this.hub, "lobby", "closeAllConnections", Map.of("reason", "closed group")).result();
		assertClosedWith(carol, "closed group");
		assertNoMessage(bob);
		assertNoMessage(dave);

		sdk.service(this.hub, "closeAllConnections", Map.of("reason", "closed all")).result();
		assertClosedWith(bob, "closed all");
		assertClosedWith(dave, "closed all");
		assertThat(emulatorHub().connections()).as("connections left in the emulator").isEmpty();

		// Closing a connection that is gone succeeds, as the service does.
		sdk.service(this.hub, "closeConnection", alice1.connectionId()).result();
	}

	@Test
	void clientAccessTokenAccepted() throws Exception {
		JsonNode token = sdk.service(this.hub, "getClientAccessToken", Map.of("userId", "erin", "roles",
				List.of("webpubsub.joinLeaveGroup.lobby"), "groups", List.of("news"), "expirationTimeInMinutes", 5))
			.result();
		String baseUrl = "ws://localhost:" + emulator.port() + "/client/hubs/" + this.hub;
		assertThat(token.path("baseUrl").asString()).as("baseUrl").isEqualTo(baseUrl);
		assertThat(token.path("url").asString()).as("url")
			.isEqualTo(baseUrl + "?access_token=" + token.path("token").asString());

		JsonSubprotocolSocket erin = open("erin1", token.path("url").asString());
		assertThat(erin.userId()).as("userId in the connected message").isEqualTo("erin");
		HubConnection connection = emulatorHub().connection(erin.connectionId());
		assertThat(connection).as("connection in the emulator").isNotNull();
		assertThat(connection.userId()).as("userId in the emulator").isEqualTo("erin");
		assertThat(connection.groups()).as("groups from the token's webpubsub.group claim").containsExactly("news");
		assertThat(hasPermission(erin.connectionId(), "joinLeaveGroup", Map.of("targetName", "lobby")))
			.as("joinLeaveGroup on lobby from the token's role claim").isTrue();
		assertAck(erin, "{\"type\":\"joinGroup\",\"group\":\"lobby\",\"ackId\":1}", true);

		JsonNode anonymousToken = sdk.service(this.hub, "getClientAccessToken").result();
		JsonSubprotocolSocket anonymous = open("anonymous", anonymousToken.path("url").asString());
		assertThat(anonymous.userId()).as("userId of a token without userId").isNull();
	}

	private JsonSubprotocolSocket connect(String name, String userId) throws InterruptedException {
		JsonNode token = sdk.service(this.hub, "getClientAccessToken", Map.of("userId", userId)).result();
		return open(name, token.path("url").asString());
	}

	private JsonSubprotocolSocket open(String name, String url) throws InterruptedException {
		JsonSubprotocolSocket socket = JsonSubprotocolSocket.connect(http, name, url, WAIT);
		this.sockets.add(socket);
		return socket;
	}

	/** Checks that the next message is a server message with the data type and data. */
	private static void assertServerMessage(JsonSubprotocolSocket receiver, String dataType, JsonNode data)
			throws InterruptedException {
		JsonNode message = receiver.nextMessage(WAIT);
		assertThat(message.path("type").asString()).as("type of %s received by %s", message, receiver.name())
			.isEqualTo("message");
		assertThat(message.path("from").asString()).as("from of %s received by %s", message, receiver.name())
			.isEqualTo("server");
		assertThat(message.path("dataType").asString()).as("dataType of %s received by %s", message, receiver.name())
			.isEqualTo(dataType);
		assertThat(message.path("data")).as("data of %s received by %s", message, receiver.name()).isEqualTo(data);
	}

	/**
	 * Checks that the receiver got nothing since its last checked message: the marker that sendToConnection sends
	 * now must be the next message, because the emulator delivers the messages of one connection in order.
	 */
	private void assertNoMessage(JsonSubprotocolSocket receiver) throws InterruptedException {
		String marker = "marker " + (++this.markers);
		sdk.service(this.hub, "sendToConnection", receiver.connectionId(), marker, TEXT).result();
		JsonNode message = receiver.nextMessage(WAIT);
		assertThat(message.path("data").asString()).as("next message of %s, which should be the marker: %s",
				receiver.name(), message)
			.isEqualTo(marker);
	}

	private static void assertAck(JsonSubprotocolSocket socket, String request, boolean success)
			throws InterruptedException {
		socket.send(request);
		JsonNode ack = socket.nextMessage(WAIT);
		assertThat(ack.path("type").asString()).as("type of the reply to %s: %s", request, ack).isEqualTo("ack");
		assertThat(ack.path("success").asBoolean()).as("success of the ack to %s: %s", request, ack)
			.isEqualTo(success);
	}

	private static void assertClosedWith(JsonSubprotocolSocket socket, String reason) throws InterruptedException {
		JsonNode disconnected = socket.nextMessage(WAIT);
		assertThat(disconnected.path("event").asString()).as("system event before %s closed: %s", socket.name(),
				disconnected)
			.isEqualTo("disconnected");
		assertThat(disconnected.path("message").asString()).as("message of the disconnected event of %s",
				socket.name())
			.isEqualTo(reason);
		JsonSubprotocolSocket.Closed closed = socket.awaitClosed(WAIT);
		assertThat(closed.code()).as("close code of %s", socket.name()).isEqualTo(1000);
		assertThat(closed.reason()).as("close reason of %s", socket.name()).isEqualTo(reason);
	}

	private static String sendToGroup(String group, int ackId) {
		return "{\"type\":\"sendToGroup\",\"group\":\"" + group + "\",\"dataType\":\"text\",\"data\":\"ping\","
				+ "\"ackId\":" + ackId + "}";
	}

	private boolean hasPermission(String connectionId, String permission, Map<String, String> options) {
		return sdk.service(this.hub, "hasPermission", connectionId, permission, options).result().booleanValue();
	}

	private Hub emulatorHub() {
		return emulator.state().hub(this.hub);
	}

	private Set<String> memberIds(String group) {
		return emulatorHub().groupMembers(group)
			.stream()
			.map(HubConnection::connectionId)
			.collect(Collectors.toSet());
	}

	private Set<String> groupsOf(JsonSubprotocolSocket socket) {
		HubConnection connection = emulatorHub().connection(socket.connectionId());
		assertThat(connection).as("%s in the emulator", socket.name()).isNotNull();
		return Set.copyOf(connection.groups());
	}

	/** Returns the members of a listConnections result as {@code connectionId/userId}. */
	private static List<String> members(JsonNode members) {
		List<String> ids = new ArrayList<>();
		for (JsonNode member : members) {
			ids.add(member.path("connectionId").asString() + "/" + member.path("userId").asString());
		}
		return ids;
	}

	private static JsonNode text(String value) {
		return JSON.getNodeFactory().stringNode(value);
	}

	/** Returns an options object from name and value pairs, in order. */
	private static Map<String, Object> options(Object... namesAndValues) {
		Map<String, Object> options = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			options.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return options;
	}

}
