package io.webpubsub.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.webpubsub.emulator.WebPubSubEmulator;
import io.webpubsub.emulator.hub.DataType;
import io.webpubsub.emulator.hub.Hub;
import io.webpubsub.emulator.hub.Message;
import io.webpubsub.spring.client.CloseOptions;
import io.webpubsub.spring.client.ClientAccessTokenOptions;
import io.webpubsub.spring.client.GroupMember;
import io.webpubsub.spring.client.ListConnectionsOptions;
import io.webpubsub.spring.client.RetryOptions;
import io.webpubsub.spring.client.SendOptions;
import io.webpubsub.spring.client.WebPubSubException;
import io.webpubsub.spring.client.WebPubSubMessage;
import io.webpubsub.spring.client.WebPubSubPermission;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every REST operation of the emulator, called by the starter's client over real sockets.
 */
class RestApiTests {

	private WebPubSubEmulator emulator;

	private WebPubSubServiceClient client;

	private Hub hub;

	private final RecordingConnection alice1 = new RecordingConnection("a1", "alice");

	private final RecordingConnection alice2 = new RecordingConnection("a2", "alice");

	private final RecordingConnection bob = new RecordingConnection("b1", "bob");

	private final RecordingConnection anonymous = new RecordingConnection("x1", null);

	@BeforeEach
	void start() {
		this.emulator = WebPubSubEmulator.start(0, WebPubSubEmulator.DEFAULT_ACCESS_KEY);
		this.client = WebPubSubServiceClient.builder()
			.connectionString(this.emulator.connectionString())
			.hub("chat")
			.retryOptions(RetryOptions.none())
			.build();
		this.hub = this.emulator.state().hub("chat");
		this.hub.add(this.alice1, List.of("lobby"));
		this.hub.add(this.alice2, List.of());
		this.hub.add(this.bob, List.of("lobby"));
		this.hub.add(this.anonymous, List.of());
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.emulator.close();
	}

	@Test
	void healthIsOk() {
		this.client.checkServiceHealth();
	}

	@Test
	void sendToAllReachesEveryone() {
		this.client.sendToAll(WebPubSubMessage.text("hello"));

		for (RecordingConnection connection : List.of(this.alice1, this.alice2, this.bob, this.anonymous)) {
			assertThat(connection.received()).singleElement().satisfies((message) -> {
				assertThat(message.dataType()).isEqualTo(DataType.TEXT);
				assertThat(text(message)).isEqualTo("hello");
				assertThat(message.source()).isEqualTo("server");
			});
		}
	}

	@Test
	void sendToAllAppliesFilterAndExcluded() {
		this.client.sendToAll(WebPubSubMessage.json(Map.of("a", 1)),
				SendOptions.none().filter("userId eq 'alice' or userId eq 'bob'").excluding("a2"));

		assertThat(this.alice1.received()).singleElement().satisfies((message) -> {
			assertThat(message.dataType()).isEqualTo(DataType.JSON);
			assertThat(text(message)).isEqualTo("{\"a\":1}");
		});
		assertThat(this.alice2.received()).isEmpty();
		assertThat(this.bob.received()).hasSize(1);
		assertThat(this.anonymous.received()).isEmpty();
	}

	@Test
	void sendToUserReachesItsConnections() {
		this.client.sendToUser("alice", WebPubSubMessage.binary(new byte[] { 1, 2 }));

		assertThat(this.alice1.received()).singleElement()
			.satisfies((message) -> assertThat(message.dataType()).isEqualTo(DataType.BINARY));
		assertThat(this.alice2.received()).hasSize(1);
		assertThat(this.bob.received()).isEmpty();
	}

	@Test
	void sendToConnectionReachesOne() {
		this.client.sendToConnection("b1", WebPubSubMessage.text("psst"), SendOptions.none().messageTtlSeconds(10));

		assertThat(this.bob.received()).hasSize(1);
		assertThat(this.alice1.received()).isEmpty();
	}

	@Test
	void sendToGroupMarksGroup() {
		this.client.sendToGroup("lobby", WebPubSubMessage.text("hi lobby"), SendOptions.none().excluding("b1"));

		assertThat(this.alice1.received()).singleElement()
			.satisfies((message) -> assertThat(message.group()).isEqualTo("lobby"));
		assertThat(this.bob.received()).isEmpty();
		assertThat(this.alice2.received()).isEmpty();
	}

	@Test
	void existenceChecks() {
		assertThat(this.client.connectionExists("a1")).isTrue();
		assertThat(this.client.connectionExists("zz")).isFalse();
		assertThat(this.client.userExists("alice")).isTrue();
		assertThat(this.client.userExists("carol")).isFalse();
		assertThat(this.client.groupExists("lobby")).isTrue();
		assertThat(this.client.groupExists("kitchen")).isFalse();
	}

	@Test
	void closeConnectionWithReason() {
		this.client.closeConnection("a1", "bye");

		assertThat(this.alice1.closeReason()).isEqualTo("bye");
		assertThat(this.client.connectionExists("a1")).isFalse();
		assertThat(this.bob.closeReason()).isNull();
	}

	@Test
	void closeAllExceptExcluded() {
		this.client.closeAllConnections(CloseOptions.none().excluding("b1"));

		assertThat(this.alice1.closeReason()).isEqualTo("Closed by REST API.");
		assertThat(this.anonymous.closeReason()).isNotNull();
		assertThat(this.bob.closeReason()).isNull();
	}

	@Test
	void closeGroupAndUserConnections() {
		this.client.closeGroupConnections("lobby", CloseOptions.none().excluding("a1").reason("group closed"));
		this.client.closeUserConnections("alice", CloseOptions.none().reason("user closed"));

		assertThat(this.bob.closeReason()).isEqualTo("group closed");
		assertThat(this.alice1.closeReason()).isEqualTo("user closed");
		assertThat(this.alice2.closeReason()).isEqualTo("user closed");
		assertThat(this.anonymous.closeReason()).isNull();
	}

	@Test
	void connectionGroupMembership() {
		this.client.addConnectionToGroup("kitchen", "x1");
		assertThat(this.anonymous.groups()).containsExactly("kitchen");

		this.client.removeConnectionFromGroup("kitchen", "x1");
		assertThat(this.anonymous.groups()).isEmpty();

		this.client.addConnectionToGroup("kitchen", "a1");
		this.client.removeConnectionFromAllGroups("a1");
		assertThat(this.alice1.groups()).isEmpty();
	}

	@Test
	void addingUnknownConnectionToGroupIsNotFound() {
		assertThatExceptionOfType(WebPubSubException.class)
			.isThrownBy(() -> this.client.addConnectionToGroup("kitchen", "nobody"))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404));
	}

	@Test
	void userGroupMembershipAppliesToNewConnections() {
		this.client.addUserToGroup("kitchen", "alice");
		RecordingConnection alice3 = new RecordingConnection("a3", "alice");
		this.hub.add(alice3, List.of());

		assertThat(this.alice1.groups()).contains("kitchen");
		assertThat(alice3.groups()).contains("kitchen");

		this.client.removeUserFromGroup("kitchen", "alice");
		assertThat(this.alice1.groups()).doesNotContain("kitchen");

		this.client.removeUserFromAllGroups("alice");
		assertThat(this.alice1.groups()).isEmpty();
	}

	@Test
	void groupsChangeByFilter() {
		this.client.addConnectionsToGroups(List.of("g1", "g2"), "userId eq 'alice'");
		assertThat(this.alice1.groups()).contains("g1", "g2");
		assertThat(this.alice2.groups()).contains("g1", "g2");
		assertThat(this.bob.groups()).doesNotContain("g1");

		this.client.removeConnectionsFromGroups(List.of("g1"), null);
		assertThat(this.alice1.groups()).doesNotContain("g1").contains("g2");
	}

	@Test
	void listConnectionsFollowsPages() {
		for (int i = 0; i < 5; i++) {
			this.hub.add(new RecordingConnection("p" + i, "user" + i), List.of("big"));
		}

		List<GroupMember> all = this.client.listConnectionsInGroup("big", new ListConnectionsOptions(2, null)).toList();
		List<GroupMember> top3 = this.client.listConnectionsInGroup("big", new ListConnectionsOptions(2, 3)).toList();

		assertThat(all).extracting(GroupMember::connectionId).containsExactly("p0", "p1", "p2", "p3", "p4");
		assertThat(all.get(0).userId()).isEqualTo("user0");
		assertThat(top3).extracting(GroupMember::connectionId).containsExactly("p0", "p1", "p2");
	}

	@Test
	void permissionsGrantCheckAndRevoke() {
		assertThat(this.client.checkPermission(WebPubSubPermission.SEND_TO_GROUP, "a1", "lobby")).isFalse();

		this.client.grantPermission(WebPubSubPermission.SEND_TO_GROUP, "a1", "lobby");
		assertThat(this.client.checkPermission(WebPubSubPermission.SEND_TO_GROUP, "a1", "lobby")).isTrue();
		assertThat(this.client.checkPermission(WebPubSubPermission.SEND_TO_GROUP, "a1", "kitchen")).isFalse();

		this.client.revokePermission(WebPubSubPermission.SEND_TO_GROUP, "a1", "lobby");
		assertThat(this.client.checkPermission(WebPubSubPermission.SEND_TO_GROUP, "a1", "lobby")).isFalse();

		this.client.grantPermission(WebPubSubPermission.JOIN_LEAVE_GROUP, "a1");
		assertThat(this.client.checkPermission(WebPubSubPermission.JOIN_LEAVE_GROUP, "a1", "any")).isTrue();
	}

	@Test
	void revokeOverridesRole() {
		RecordingConnection member = new RecordingConnection("r1", "carol", "webpubsub.sendToGroup");
		this.hub.add(member, List.of());

		assertThat(this.client.checkPermission(WebPubSubPermission.SEND_TO_GROUP, "r1", "lobby")).isTrue();
		this.client.revokePermission(WebPubSubPermission.SEND_TO_GROUP, "r1", "lobby");

		assertThat(this.client.checkPermission(WebPubSubPermission.SEND_TO_GROUP, "r1", "lobby")).isFalse();
		assertThat(this.client.checkPermission(WebPubSubPermission.SEND_TO_GROUP, "r1", "other")).isTrue();
	}

	@Test
	void generatedTokenIsForClientEndpoint() {
		String url = this.client.fetchClientAccessToken(ClientAccessTokenOptions.defaults().userId("alice")).url();

		assertThat(url).startsWith("ws://localhost:" + this.emulator.port() + "/client/hubs/chat?access_token=");
	}

	@Test
	void badFilterIsBadRequest() {
		assertThatExceptionOfType(WebPubSubException.class)
			.isThrownBy(() -> this.client.sendToAll(WebPubSubMessage.text("x"), SendOptions.none().filter("userId eq")))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(400);
				assertThat(ex.getErrorCode()).isEqualTo("Error.BadRequest");
				assertThat(ex.getServiceMessage()).contains("filter");
			});
	}

	@Test
	void foreignKeyIsUnauthorized() {
		try (WebPubSubServiceClient stranger = WebPubSubServiceClient.builder()
			.endpoint(this.emulator.endpoint(), "another-key-that-is-long-enough-0123456789")
			.hub("chat")
			.retryOptions(RetryOptions.none())
			.build()) {
			assertThatExceptionOfType(WebPubSubException.class)
				.isThrownBy(() -> stranger.sendToAll(WebPubSubMessage.text("x")))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(401));
		}
		assertThat(this.alice1.received()).isEmpty();
	}

	@Test
	void rawRequestErrors() throws Exception {
		OkHttpClient http = new OkHttpClient();
		String base = "http://127.0.0.1:" + this.emulator.port();
		try (Response response = http.newCall(new Request.Builder().url(base + "/api/hubs/chat/:send?api-version=2024-12-01")
			.post(RequestBody.create("x", MediaType.get("text/plain")))
			.build()).execute()) {
			assertThat(response.code()).as("no token").isEqualTo(401);
			assertThat(response.header("x-ms-error-code")).isEqualTo("Error.Unauthorized");
		}
		try (Response response = http.newCall(new Request.Builder().url(base + "/api/hubs/chat/:send")
			.post(RequestBody.create(new byte[1024 * 1024 + 1], MediaType.get("application/octet-stream")))
			.build()).execute()) {
			assertThat(response.code()).as("body over 1 MB").isEqualTo(413);
		}
		http.dispatcher().executorService().shutdown();
		http.connectionPool().evictAll();
	}

	@Test
	void invalidParametersAreBadRequests() throws Exception {
		String base = "http://localhost:" + this.emulator.port() + "/api/hubs/chat";
		assertBadRequest("PUT", base + "/permissions/deleteGroup/connections/a1?api-version=2024-12-01",
				"Unknown permission 'deleteGroup'");
		assertBadRequest("POST", base + "/:send?api-version=2024-12-01&messageTtlSeconds=301",
				"'messageTtlSeconds' value 301 is outside 0-300");
		assertBadRequest("POST", base + "/:send?api-version=2024-12-01&filter=userId%20eq", "filter");
		assertBadRequest("POST", base + "/:send?api-version=1999-01-01", "Unsupported api-version");
		assertBadRequest("HEAD", "http://localhost:" + this.emulator.port() + "/api/hubs/9chat/groups/g"
				+ "?api-version=2024-12-01", null);
	}

	private void assertBadRequest(String method, String url, @org.jspecify.annotations.Nullable String message)
			throws Exception {
		OkHttpClient http = new OkHttpClient();
		RequestBody body = method.equals("HEAD") ? null : RequestBody.create("x", MediaType.get("text/plain"));
		Request request = new Request.Builder().url(url)
			.method(method, body)
			.header("Authorization", "Bearer " + restToken(url))
			.build();
		try (Response response = http.newCall(request).execute()) {
			assertThat(response.code()).as(method + " " + url).isEqualTo(400);
			if (message != null) {
				assertThat(response.body().string()).contains(message);
			}
		}
		finally {
			http.dispatcher().executorService().shutdown();
			http.connectionPool().evictAll();
		}
	}

	private static String restToken(String url) throws Exception {
		com.nimbusds.jwt.JWTClaimsSet claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().audience(url)
			.expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000))
			.build();
		com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
				new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256), claims);
		jwt.sign(new com.nimbusds.jose.crypto.MACSigner(
				WebPubSubEmulator.DEFAULT_ACCESS_KEY.getBytes(StandardCharsets.UTF_8)));
		return jwt.serialize();
	}

	private static String text(Message message) {
		return new String(message.data(), StandardCharsets.UTF_8);
	}

}
