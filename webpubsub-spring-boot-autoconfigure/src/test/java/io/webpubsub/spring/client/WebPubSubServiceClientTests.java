package io.webpubsub.spring.client;

import java.util.List;
import java.util.Map;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.webpubsub.spring.client.SignedRequests.ACCESS_KEY;
import static io.webpubsub.spring.client.SignedRequests.assertSignedForUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the client against a real HTTP server, asserting the request it records.
 */
class WebPubSubServiceClientTests {

	@StartStop
	final MockWebServer server = new MockWebServer();

	private WebPubSubServiceClient client;

	@BeforeEach
	void createClient() {
		this.client = WebPubSubServiceClient.builder()
			.connectionString("Endpoint=http://127.0.0.1;Port=" + this.server.getPort() + ";AccessKey=" + ACCESS_KEY
					+ ";Version=1.0;")
			.hub("chat")
			.retryOptions(RetryOptions.none())
			.build();
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void sendToAllTextWithOptions() throws Exception {
		enqueue(202);

		this.client.sendToAll(WebPubSubMessage.text("hello"),
				SendOptions.none().excluding("c1", "c2").filter("userId ne 'bob'").messageTtlSeconds(30));

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/:send");
		assertThat(request.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01&filter=userId%20ne%20%27bob%27"
				+ "&excluded=c1&excluded=c2&messageTtlSeconds=30");
		assertThat(request.getHeaders().get("Content-Type")).isEqualTo("text/plain");
		assertThat(request.getBody().utf8()).isEqualTo("hello");
	}

	@Test
	void sendToAllJsonObject() throws Exception {
		enqueue(202);

		this.client.sendToAll(WebPubSubMessage.json(Map.of("from", "system")));

		RecordedRequest request = takeSigned();
		assertThat(request.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01");
		assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
		assertThat(request.getBody().utf8()).isEqualTo("{\"from\":\"system\"}");
	}

	@Test
	void sendToAllJsonRecord() throws Exception {
		enqueue(202);

		this.client.sendToAll(WebPubSubMessage.json(new ChatLine("alice", "hi")));

		assertThat(takeSigned().getBody().utf8()).isEqualTo("{\"from\":\"alice\",\"message\":\"hi\"}");
	}

	@Test
	void sendToGroupRawJson() throws Exception {
		enqueue(202);

		this.client.sendToGroup("lobby", WebPubSubMessage.rawJson("{\"a\":1}"), SendOptions.none().excluding("c9"));

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/groups/lobby/:send");
		assertThat(request.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01&excluded=c9");
		assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
		assertThat(request.getBody().utf8()).isEqualTo("{\"a\":1}");
	}

	@Test
	void sendToUserBinaryEncodesUserId() throws Exception {
		enqueue(202);
		byte[] data = { 0, 1, 2, (byte) 0xff };

		this.client.sendToUser("tenant/alice b", WebPubSubMessage.binary(data), SendOptions.none().filter("true"));

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/users/tenant%2Falice%20b/:send");
		assertThat(request.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01&filter=true");
		assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/octet-stream");
		assertThat(request.getBody()).isEqualTo(ByteString.of(data));
	}

	@Test
	void sendToConnectionWithTtl() throws Exception {
		enqueue(202);

		this.client.sendToConnection("conn-1", WebPubSubMessage.text("ping"), SendOptions.none().messageTtlSeconds(0));

		RecordedRequest request = takeSigned();
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/connections/conn-1/:send");
		assertThat(request.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01&messageTtlSeconds=0");
		assertThat(request.getBody().utf8()).isEqualTo("ping");
	}

	@Test
	void connectionExistsTrueAndFalse() throws Exception {
		enqueue(200);
		enqueue(404);

		assertThat(this.client.connectionExists("conn-1")).isTrue();
		assertThat(this.client.connectionExists("conn-2")).isFalse();

		RecordedRequest first = takeSigned();
		assertThat(first.getMethod()).isEqualTo("HEAD");
		assertThat(first.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/connections/conn-1");
		assertThat(takeSigned().getUrl().encodedPath()).isEqualTo("/api/hubs/chat/connections/conn-2");
	}

	@Test
	void userExistsSendsHead() throws Exception {
		enqueue(404);

		assertThat(this.client.userExists("tenant/alice b")).isFalse();

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("HEAD");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/users/tenant%2Falice%20b");
	}

	@Test
	void groupExistsSendsHead() throws Exception {
		enqueue(200);

		assertThat(this.client.groupExists("lobby")).isTrue();

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("HEAD");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/groups/lobby");
		assertThat(request.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01");
	}

	@Test
	void closeConnectionWithReason() throws Exception {
		enqueue(204);

		this.client.closeConnection("conn-1", "bye now");

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/connections/conn-1");
		assertThat(request.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01&reason=bye%20now");
	}

	@Test
	void closeConnectionWithoutReason() throws Exception {
		enqueue(204);

		this.client.closeConnection("conn-1");

		assertThat(takeSigned().getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01");
	}

	@Test
	void closeAllConnectionsWithExcludedAndReason() throws Exception {
		enqueue(204);

		this.client.closeAllConnections(CloseOptions.none().excluding("c1", "c2").reason("maint"));

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/:closeConnections");
		assertThat(request.getUrl().encodedQuery())
			.isEqualTo("api-version=2024-12-01&excluded=c1&excluded=c2&reason=maint");
		assertThat(request.getBodySize()).isZero();
	}

	@Test
	void closeGroupConnections() throws Exception {
		enqueue(204);

		this.client.closeGroupConnections("lobby", CloseOptions.none().excluding("c1"));

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/groups/lobby/:closeConnections");
		assertThat(request.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01&excluded=c1");
	}

	@Test
	void closeUserConnections() throws Exception {
		enqueue(204);

		this.client.closeUserConnections("alice", CloseOptions.none().reason("banned"));

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/users/alice/:closeConnections");
		assertThat(request.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01&reason=banned");
	}

	@Test
	void addAndRemoveConnectionInGroup() throws Exception {
		enqueue(200);
		enqueue(204);
		enqueue(204);

		this.client.addConnectionToGroup("lobby", "conn-1");
		this.client.removeConnectionFromGroup("lobby", "conn-1");
		this.client.removeConnectionFromAllGroups("conn-1");

		RecordedRequest add = takeSigned();
		assertThat(add.getMethod()).isEqualTo("PUT");
		assertThat(add.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/groups/lobby/connections/conn-1");
		assertThat(add.getBodySize()).isZero();
		RecordedRequest remove = takeSigned();
		assertThat(remove.getMethod()).isEqualTo("DELETE");
		assertThat(remove.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/groups/lobby/connections/conn-1");
		RecordedRequest removeFromAll = takeSigned();
		assertThat(removeFromAll.getMethod()).isEqualTo("DELETE");
		assertThat(removeFromAll.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/connections/conn-1/groups");
	}

	@Test
	void addAndRemoveUserInGroup() throws Exception {
		enqueue(200);
		enqueue(204);
		enqueue(204);

		this.client.addUserToGroup("team a", "tenant/alice b");
		this.client.removeUserFromGroup("team a", "tenant/alice b");
		this.client.removeUserFromAllGroups("tenant/alice b");

		RecordedRequest add = takeSigned();
		assertThat(add.getMethod()).isEqualTo("PUT");
		assertThat(add.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/users/tenant%2Falice%20b/groups/team%20a");
		RecordedRequest remove = takeSigned();
		assertThat(remove.getMethod()).isEqualTo("DELETE");
		assertThat(remove.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/users/tenant%2Falice%20b/groups/team%20a");
		RecordedRequest removeFromAll = takeSigned();
		assertThat(removeFromAll.getMethod()).isEqualTo("DELETE");
		assertThat(removeFromAll.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/users/tenant%2Falice%20b/groups");
	}

	@Test
	void addConnectionsToGroupsByFilter() throws Exception {
		enqueue(200);

		this.client.addConnectionsToGroups(List.of("g1", "g2"), "userId eq 'alice'");

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/:addToGroups");
		assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
		assertThat(request.getBody().utf8()).isEqualTo("{\"groups\":[\"g1\",\"g2\"],\"filter\":\"userId eq 'alice'\"}");
	}

	@Test
	void removeConnectionsFromGroupsWithoutFilter() throws Exception {
		enqueue(200);

		this.client.removeConnectionsFromGroups(List.of("g1"), null);

		RecordedRequest request = takeSigned();
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/:removeFromGroups");
		assertThat(request.getBody().utf8()).isEqualTo("{\"groups\":[\"g1\"]}");
	}

	@Test
	void listConnectionsFollowsNextLink() throws Exception {
		String nextLink = this.server.url("/api/hubs/chat/groups/lobby/connections")
			.newBuilder()
			.addQueryParameter("api-version", "2024-12-01")
			.addQueryParameter("maxpagesize", "2")
			.addQueryParameter("continuationToken", "page 2")
			.build()
			.toString();
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"value\":[{\"connectionId\":\"c1\",\"userId\":\"alice\"},{\"connectionId\":\"c2\"}],"
					+ "\"nextLink\":\"" + nextLink + "\"}")
			.build());
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"value\":[{\"connectionId\":\"c3\",\"userId\":\"bob\"}]}")
			.build());

		List<GroupMember> members = this.client
			.listConnectionsInGroup("lobby", new ListConnectionsOptions(2, 10))
			.toList();

		assertThat(members).containsExactly(new GroupMember("c1", "alice"), new GroupMember("c2", null),
				new GroupMember("c3", "bob"));
		RecordedRequest first = takeSigned();
		assertThat(first.getMethod()).isEqualTo("GET");
		assertThat(first.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/groups/lobby/connections");
		assertThat(first.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01&maxpagesize=2&top=10");
		RecordedRequest second = takeSigned();
		assertThat(second.getUrl().queryParameter("continuationToken")).isEqualTo("page 2");
	}

	@Test
	void listConnectionsIsLazy() throws Exception {
		this.server.enqueue(new MockResponse.Builder().code(200).body("{\"value\":[]}").build());

		var members = this.client.listConnectionsInGroup("lobby");

		assertThat(this.server.getRequestCount()).isZero();
		assertThat(members.toList()).isEmpty();
		assertThat(takeSigned().getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01&maxpagesize=200");
	}

	@Test
	void grantPermissionForGroup() throws Exception {
		enqueue(200);

		this.client.grantPermission(WebPubSubPermission.SEND_TO_GROUP, "conn-1", "lobby");

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("PUT");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/permissions/sendToGroup/connections/conn-1");
		assertThat(request.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01&targetName=lobby");
	}

	@Test
	void revokePermissionForEveryGroup() throws Exception {
		enqueue(204);

		this.client.revokePermission(WebPubSubPermission.JOIN_LEAVE_GROUP, "conn-1");

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getUrl().encodedPath())
			.isEqualTo("/api/hubs/chat/permissions/joinLeaveGroup/connections/conn-1");
		assertThat(request.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01");
	}

	@Test
	void checkPermissionTrueAndFalse() throws Exception {
		enqueue(200);
		enqueue(404);

		assertThat(this.client.checkPermission(WebPubSubPermission.SEND_TO_GROUP, "conn-1", "lobby")).isTrue();
		assertThat(this.client.checkPermission(WebPubSubPermission.SEND_TO_GROUP, "conn-1")).isFalse();

		RecordedRequest first = takeSigned();
		assertThat(first.getMethod()).isEqualTo("HEAD");
		assertThat(first.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01&targetName=lobby");
		assertThat(takeSigned().getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01");
	}

	@Test
	void checkServiceHealth() throws Exception {
		enqueue(200);

		this.client.checkServiceHealth();

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("HEAD");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/health");
		assertThat(request.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01");
	}

	@Test
	void fetchClientAccessTokenFromService() throws Exception {
		this.server.enqueue(new MockResponse.Builder().code(200).body("{\"token\":\"abc.def.ghi\"}").build());

		ClientAccessToken token = this.client.fetchClientAccessToken(ClientAccessTokenOptions.defaults()
			.userId("alice")
			.roles("r1", "r2")
			.groups("g1", "g2")
			.clientProtocol(WebPubSubClientProtocol.MQTT));

		RecordedRequest request = takeSigned();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/:generateToken");
		assertThat(request.getUrl().encodedQuery()).isEqualTo("api-version=2024-12-01&userId=alice&role=r1&role=r2"
				+ "&minutesToExpire=60&group=g1&group=g2&clientType=mqtt");
		assertThat(token.token()).isEqualTo("abc.def.ghi");
		assertThat(token.url()).isEqualTo(
				"ws://127.0.0.1:" + this.server.getPort() + "/clients/mqtt/hubs/chat?access_token=abc.def.ghi");
	}

	@Test
	void bracketsInHubAreEncoded() throws Exception {
		enqueue(202);

		this.client.forHub("Chat_1`,.[v2]").sendToAll(WebPubSubMessage.text("hi"));

		assertThat(takeSigned().getUrl().encodedPath()).isEqualTo("/api/hubs/Chat_1%60,.%5Bv2%5D/:send");
	}

	@Test
	void forHubSharesConnectionPool() throws Exception {
		enqueue(202);
		enqueue(202);

		WebPubSubServiceClient other = this.client.forHub("other");
		this.client.sendToAll(WebPubSubMessage.text("one"));
		other.sendToAll(WebPubSubMessage.text("two"));
		other.close();

		assertThat(other.getHub()).isEqualTo("other");
		RecordedRequest first = takeSigned();
		RecordedRequest second = takeSigned();
		assertThat(second.getUrl().encodedPath()).isEqualTo("/api/hubs/other/:send");
		assertThat(second.getConnectionIndex()).as("same pooled connection").isEqualTo(first.getConnectionIndex());
		assertThat(second.getExchangeIndex()).isEqualTo(1);
	}

	@Test
	void reverseProxyKeepsServiceAudience() throws Exception {
		enqueue(202);
		WebPubSubServiceClient proxied = WebPubSubServiceClient.builder()
			.endpoint("https://contoso.webpubsub.azure.com", ACCESS_KEY)
			.reverseProxyEndpoint(this.server.url("/").toString())
			.hub("chat")
			.build();

		proxied.sendToAll(WebPubSubMessage.text("hi"));
		proxied.close();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/:send");
		var claims = SignedRequests.verifiedClaims(SignedRequests.bearerToken(request), ACCESS_KEY);
		assertThat(claims.getAudience())
			.containsExactly("https://contoso.webpubsub.azure.com/api/hubs/chat/:send?api-version=2024-12-01");
		assertThat(proxied.getClientAccessToken().url()).startsWith("wss://contoso.webpubsub.azure.com/client/hubs/chat?");
	}

	@Test
	void toStringHasNoSecrets() {
		assertThat(this.client.toString()).doesNotContain(ACCESS_KEY);
		ClientAccessToken token = this.client.getClientAccessToken();
		assertThat(token.toString()).doesNotContain(token.token()).contains("access_token=******");
	}

	private void enqueue(int status) {
		this.server.enqueue(new MockResponse.Builder().code(status).build());
	}

	private RecordedRequest takeSigned() throws InterruptedException {
		RecordedRequest request = this.server.takeRequest();
		assertSignedForUrl(request, ACCESS_KEY);
		return request;
	}

	record ChatLine(String from, String message) {
	}


}
