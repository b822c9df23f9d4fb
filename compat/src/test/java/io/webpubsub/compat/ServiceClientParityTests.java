package io.webpubsub.compat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.azure.core.http.rest.RequestOptions;
import com.azure.core.util.BinaryData;
import com.azure.messaging.webpubsub.models.WebPubSubContentType;
import io.webpubsub.compat.ParityServer.Exchange;
import io.webpubsub.spring.client.CloseOptions;
import io.webpubsub.spring.client.SendOptions;
import io.webpubsub.spring.client.WebPubSubMessage;
import io.webpubsub.spring.client.WebPubSubPermission;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.webpubsub.compat.RequestParity.assertSameRequest;
import static io.webpubsub.compat.RequestParity.assertSameTarget;
import static io.webpubsub.compat.RequestParity.assertSignedWithAccessKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every operation that our client and the public API of the official client (azure-messaging-webpubsub 1.4.0)
 * both have through each of them against the same server, and compares the two requests.
 */
class ServiceClientParityTests {

	/** Becomes {@code tenant%2Falice%20b} in a path segment. */
	private static final String USER_ID = "tenant/alice b";

	private static final String FILTER = "userId ne 'bob' and 'lobby' in groups";

	/** Mixes reserved, unsafe and non-ASCII characters, which a path segment needs escaped. */
	private static final String RESERVED_USER_ID = "a/b c?d#e%f;g@h:i=j&k$l!m*n(o)p~q{r}s|t\\u^v\"w<x>y'z+é";

	private static final String RESERVED_GROUP = "g?#%/ :@x";

	/** Contains the characters that delimit or escape query parameters. */
	private static final String RESERVED_FILTER = "userId eq 'a&b=c+d#e?f%g/h[i]'";

	private static final String CONNECTION_ID = "conn1";

	private static final String GROUP = "lobby";

	private static final byte[] BINARY = { 0, 1, 2, (byte) 0xfe, (byte) 0xff };

	private static final com.azure.messaging.webpubsub.models.WebPubSubPermission OFFICIAL_SEND_TO_GROUP =
			com.azure.messaging.webpubsub.models.WebPubSubPermission.SEND_TO_GROUP;

	private static final com.azure.messaging.webpubsub.models.WebPubSubPermission OFFICIAL_JOIN_LEAVE_GROUP =
			com.azure.messaging.webpubsub.models.WebPubSubPermission.JOIN_LEAVE_GROUP;

	private ParityServer server;

	private WebPubSubServiceClient ours;

	private com.azure.messaging.webpubsub.WebPubSubServiceClient official;

	@BeforeEach
	void startServer() throws Exception {
		this.server = ParityServer.startHttp();
		this.ours = this.server.ourClient(ParityServer.HUB);
		this.official = this.server.officialClient(ParityServer.HUB);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	static Stream<Operation> operations() {
		return Stream.of(sends(), closes(), membership(), permissions(), checks()).flatMap(Function.identity());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("operations")
	void requestMatchesOfficialClient(Operation operation) {
		Exchange ourExchange = this.server.exchange(operation.status(), () -> operation.ours().apply(this.ours));
		Exchange officialExchange = this.server.exchange(operation.status(),
				() -> operation.official().apply(this.official));

		assertThat(ourExchange.result()).as("return value").isEqualTo(officialExchange.result());
		assertSameRequest(ourExchange.request(), officialExchange.request());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("checks")
	void checkReturnsFalseOnNotFound(Operation check) {
		Exchange ourExchange = this.server.exchange(404, () -> check.ours().apply(this.ours));
		Exchange officialExchange = this.server.exchange(404, () -> check.official().apply(this.official));

		assertThat(ourExchange.result()).as("our result").isEqualTo(false);
		assertThat(officialExchange.result()).as("official result").isEqualTo(false);
	}

	// The REST API allows '[' and ']' in hub names, and RFC 3986 allows neither unencoded in a path segment.
	@Test
	void hubWithBracketsMatchesOfficialClient() {
		String hub = "Chat_1`,.[v2]";
		WebPubSubServiceClient ourHubClient = this.server.ourClient(hub);
		com.azure.messaging.webpubsub.WebPubSubServiceClient officialHubClient = this.server.officialClient(hub);

		Exchange ourExchange = this.server.exchange(202,
				() -> send(() -> ourHubClient.sendToAll(WebPubSubMessage.text("hi"))));
		Exchange officialExchange = this.server.exchange(202,
				() -> send(() -> officialHubClient.sendToAll("hi", WebPubSubContentType.TEXT_PLAIN)));

		assertSameRequest(ourExchange.request(), officialExchange.request());
	}

	@Test
	void hubWithBacktickMatchesOfficialClient() {
		String hub = "Chat_1`,.v2";
		WebPubSubServiceClient ourHubClient = this.server.ourClient(hub);
		com.azure.messaging.webpubsub.WebPubSubServiceClient officialHubClient = this.server.officialClient(hub);

		Exchange ourExchange = this.server.exchange(202,
				() -> send(() -> ourHubClient.sendToAll(WebPubSubMessage.text("hi"))));
		Exchange officialExchange = this.server.exchange(202,
				() -> send(() -> officialHubClient.sendToAll("hi", WebPubSubContentType.TEXT_PLAIN)));

		assertThat(ourExchange.request().encodedPath()).isEqualTo("/api/hubs/Chat_1%60,.v2/:send");
		assertSameRequest(ourExchange.request(), officialExchange.request());
	}

	@Test
	void reservedQueryCharactersMatchOnceDecoded() {
		Exchange ourExchange = this.server.exchange(202, () -> send(() -> this.ours.sendToAll(
				WebPubSubMessage.text("hi"), SendOptions.none().excluding("c 1+&=#?", "c2").filter(RESERVED_FILTER))));
		Exchange officialExchange = this.server.exchange(202,
				() -> send(() -> this.official.sendToAllWithResponse(BinaryData.fromString("hi"),
						WebPubSubContentType.TEXT_PLAIN, 2, sendOptions(RESERVED_FILTER, "c 1+&=#?", "c2"))));

		assertSameTarget(ourExchange.request(), officialExchange.request());
		assertSignedWithAccessKey(ourExchange.request());
		assertSignedWithAccessKey(officialExchange.request());

		// Expected difference: RFC 3986 allows '?' and '/' unencoded in a query. The official client leaves them so,
		// while our client percent-encodes them. The decoded values match, and each aud repeats its own URL.
		assertThat(ourExchange.request().url()).as("our URL")
			.contains("filter=userId%20eq%20%27a%26b%3Dc%2Bd%23e%3Ff%25g%2Fh%5Bi%5D%27")
			.contains("excluded=c%201%2B%26%3D%23%3F&");
		assertThat(officialExchange.request().url()).as("official URL")
			.contains("filter=userId%20eq%20%27a%26b%3Dc%2Bd%23e?f%25g/h%5Bi%5D%27")
			.contains("excluded=c%201%2B%26%3D%23?&");
	}

	private static Stream<Operation> sends() {
		String json = "{\"a\":1,\"b\":[true,null]}";
		return Stream.of(
				call("sendToAll text", 202,
						(ours) -> ours.sendToAll(WebPubSubMessage.text("hi")),
						(official) -> official.sendToAll("hi", WebPubSubContentType.TEXT_PLAIN)),
				call("sendToAll JSON excluding twice with filter", 202,
						(ours) -> ours.sendToAll(WebPubSubMessage.rawJson(json),
								SendOptions.none().excluding("c1", "c2").filter(FILTER)),
						(official) -> official.sendToAllWithResponse(BinaryData.fromString(json),
								WebPubSubContentType.APPLICATION_JSON, utf8Length(json),
								sendOptions(FILTER, "c1", "c2"))),
				call("sendToAll binary with time to live", 202,
						(ours) -> ours.sendToAll(WebPubSubMessage.binary(BINARY), SendOptions.none().messageTtlSeconds(30)),
						(official) -> official.sendToAllWithResponse(BinaryData.fromBytes(BINARY),
								WebPubSubContentType.APPLICATION_OCTET_STREAM, BINARY.length,
								new RequestOptions().addQueryParam("messageTtlSeconds", "30"))),
				call("sendToGroup raw JSON", 202,
						(ours) -> ours.sendToGroup(GROUP, WebPubSubMessage.rawJson(json)),
						(official) -> official.sendToGroup(GROUP, json, WebPubSubContentType.APPLICATION_JSON)),
				call("sendToGroup text excluding twice with filter", 202,
						(ours) -> ours.sendToGroup(GROUP, WebPubSubMessage.text("héllo wörld"),
								SendOptions.none().excluding("c1", "c2").filter(FILTER)),
						(official) -> official.sendToGroupWithResponse(GROUP, BinaryData.fromString("héllo wörld"),
								WebPubSubContentType.TEXT_PLAIN, utf8Length("héllo wörld"),
								sendOptions(FILTER, "c1", "c2"))),
				call("sendToUser binary", 202,
						(ours) -> ours.sendToUser(USER_ID, WebPubSubMessage.binary(BINARY)),
						(official) -> official.sendToUserWithResponse(USER_ID, BinaryData.fromBytes(BINARY),
								WebPubSubContentType.APPLICATION_OCTET_STREAM, BINARY.length, new RequestOptions())),
				call("sendToUser text with filter", 202,
						(ours) -> ours.sendToUser(USER_ID, WebPubSubMessage.text("hi"), SendOptions.none().filter(FILTER)),
						(official) -> official.sendToUserWithResponse(USER_ID, BinaryData.fromString("hi"),
								WebPubSubContentType.TEXT_PLAIN, 2, new RequestOptions().addQueryParam("filter", FILTER))),
				call("sendToConnection JSON value", 202,
						(ours) -> ours.sendToConnection(CONNECTION_ID, WebPubSubMessage.json(Map.of("text", "hi"))),
						(official) -> official.sendToConnection(CONNECTION_ID, "{\"text\":\"hi\"}",
								WebPubSubContentType.APPLICATION_JSON)),
				call("sendToConnection text with time to live", 202,
						(ours) -> ours.sendToConnection(CONNECTION_ID, WebPubSubMessage.text("hi"),
								SendOptions.none().messageTtlSeconds(0)),
						(official) -> official.sendToConnectionWithResponse(CONNECTION_ID, BinaryData.fromString("hi"),
								WebPubSubContentType.TEXT_PLAIN, 2,
								new RequestOptions().addQueryParam("messageTtlSeconds", "0"))));
	}

	private static Stream<Operation> closes() {
		return Stream.of(
				call("closeConnection", 204,
						(ours) -> ours.closeConnection(CONNECTION_ID),
						(official) -> official.closeConnectionWithResponse(CONNECTION_ID, new RequestOptions())),
				call("closeConnection with reason", 204,
						(ours) -> ours.closeConnection(CONNECTION_ID, "bye now"),
						(official) -> official.closeConnectionWithResponse(CONNECTION_ID,
								new RequestOptions().addQueryParam("reason", "bye now"))),
				call("closeAllConnections", 204,
						(ours) -> ours.closeAllConnections(),
						(official) -> official.closeAllConnectionsWithResponse(new RequestOptions())),
				call("closeAllConnections excluding twice with reason", 204,
						(ours) -> ours.closeAllConnections(CloseOptions.none().excluding("c1", "c2").reason("maint")),
						(official) -> official.closeAllConnectionsWithResponse(closeOptions("maint", "c1", "c2"))),
				call("closeGroupConnections excluding with reason", 204,
						(ours) -> ours.closeGroupConnections(GROUP, CloseOptions.none().excluding("c1").reason("moved")),
						(official) -> official.closeGroupConnectionsWithResponse(GROUP, closeOptions("moved", "c1"))),
				call("closeUserConnections excluding twice", 204,
						(ours) -> ours.closeUserConnections(USER_ID, CloseOptions.none().excluding("c1", "c2")),
						(official) -> official.closeUserConnectionsWithResponse(USER_ID, closeOptions(null, "c1", "c2"))));
	}

	private static Stream<Operation> membership() {
		return Stream.of(
				call("addConnectionToGroup", 200,
						(ours) -> ours.addConnectionToGroup(GROUP, CONNECTION_ID),
						(official) -> official.addConnectionToGroupWithResponse(GROUP, CONNECTION_ID, new RequestOptions())),
				call("removeConnectionFromGroup", 204,
						(ours) -> ours.removeConnectionFromGroup(GROUP, CONNECTION_ID),
						(official) -> official.removeConnectionFromGroupWithResponse(GROUP, CONNECTION_ID,
								new RequestOptions())),
				call("removeConnectionFromAllGroups", 204,
						(ours) -> ours.removeConnectionFromAllGroups(CONNECTION_ID),
						(official) -> official.removeConnectionFromAllGroupsWithResponse(CONNECTION_ID,
								new RequestOptions())),
				call("addUserToGroup", 200,
						(ours) -> ours.addUserToGroup(GROUP, USER_ID),
						(official) -> official.addUserToGroupWithResponse(GROUP, USER_ID, new RequestOptions())),
				call("addUserToGroup reserved characters", 200,
						(ours) -> ours.addUserToGroup(RESERVED_GROUP, RESERVED_USER_ID),
						(official) -> official.addUserToGroupWithResponse(RESERVED_GROUP, RESERVED_USER_ID,
								new RequestOptions())),
				call("removeUserFromGroup", 204,
						(ours) -> ours.removeUserFromGroup(GROUP, USER_ID),
						(official) -> official.removeUserFromGroupWithResponse(GROUP, USER_ID, new RequestOptions())),
				call("removeUserFromAllGroups", 204,
						(ours) -> ours.removeUserFromAllGroups(USER_ID),
						(official) -> official.removeUserFromAllGroupsWithResponse(USER_ID, new RequestOptions())),
				call("addConnectionsToGroups with filter", 200,
						(ours) -> ours.addConnectionsToGroups(List.of("g1", "g2"), FILTER),
						(official) -> official.addConnectionsToGroups(List.of("g1", "g2"), FILTER)),
				call("addConnectionsToGroups without filter", 200,
						(ours) -> ours.addConnectionsToGroups(List.of("g1"), null),
						(official) -> official.addConnectionsToGroups(List.of("g1"), null)));
	}

	private static Stream<Operation> permissions() {
		return Stream.of(
				call("grantPermission for one group", 200,
						(ours) -> ours.grantPermission(WebPubSubPermission.SEND_TO_GROUP, CONNECTION_ID, GROUP),
						(official) -> official.grantPermissionWithResponse(OFFICIAL_SEND_TO_GROUP, CONNECTION_ID,
								new RequestOptions().addQueryParam("targetName", GROUP))),
				call("grantPermission for every group", 200,
						(ours) -> ours.grantPermission(WebPubSubPermission.JOIN_LEAVE_GROUP, CONNECTION_ID),
						(official) -> official.grantPermissionWithResponse(OFFICIAL_JOIN_LEAVE_GROUP, CONNECTION_ID,
								new RequestOptions())),
				call("revokePermission for one group", 204,
						(ours) -> ours.revokePermission(WebPubSubPermission.JOIN_LEAVE_GROUP, CONNECTION_ID, GROUP),
						(official) -> official.revokePermissionWithResponse(OFFICIAL_JOIN_LEAVE_GROUP, CONNECTION_ID,
								new RequestOptions().addQueryParam("targetName", GROUP))),
				call("revokePermission for every group", 204,
						(ours) -> ours.revokePermission(WebPubSubPermission.SEND_TO_GROUP, CONNECTION_ID),
						(official) -> official.revokePermissionWithResponse(OFFICIAL_SEND_TO_GROUP, CONNECTION_ID,
								new RequestOptions())));
	}

	static Stream<Operation> checks() {
		return Stream.of(
				check("connectionExists",
						(ours) -> ours.connectionExists(CONNECTION_ID),
						(official) -> official.connectionExistsWithResponse(CONNECTION_ID, new RequestOptions())
							.getValue()),
				check("userExists",
						(ours) -> ours.userExists(USER_ID),
						(official) -> official.userExistsWithResponse(USER_ID, new RequestOptions()).getValue()),
				check("groupExists",
						(ours) -> ours.groupExists(GROUP),
						(official) -> official.groupExistsWithResponse(GROUP, new RequestOptions()).getValue()),
				check("checkPermission for one group",
						(ours) -> ours.checkPermission(WebPubSubPermission.SEND_TO_GROUP, CONNECTION_ID, GROUP),
						(official) -> official.checkPermissionWithResponse(OFFICIAL_SEND_TO_GROUP, CONNECTION_ID,
								new RequestOptions().addQueryParam("targetName", GROUP)).getValue()),
				check("checkPermission for every group",
						(ours) -> ours.checkPermission(WebPubSubPermission.JOIN_LEAVE_GROUP, CONNECTION_ID),
						(official) -> official.checkPermissionWithResponse(OFFICIAL_JOIN_LEAVE_GROUP, CONNECTION_ID,
								new RequestOptions()).getValue()));
	}

	/**
	 * Returns the query parameters of a send for the official client. It sends them in the order they are added,
	 * so they are added in the order our client sends them, which keeps the two signed URLs comparable as strings.
	 */
	private static RequestOptions sendOptions(String filter, String... excluded) {
		RequestOptions options = new RequestOptions().addQueryParam("filter", filter);
		for (String connectionId : excluded) {
			options.addQueryParam("excluded", connectionId);
		}
		return options;
	}

	/** Returns the query parameters of a close for the official client, in the order our client sends them. */
	private static RequestOptions closeOptions(String reason, String... excluded) {
		RequestOptions options = new RequestOptions();
		for (String connectionId : excluded) {
			options.addQueryParam("excluded", connectionId);
		}
		if (reason != null) {
			options.addQueryParam("reason", reason);
		}
		return options;
	}

	private static long utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	private static Object send(Runnable call) {
		call.run();
		return null;
	}

	private static Operation call(String name, int status, Consumer<WebPubSubServiceClient> ours,
			Consumer<com.azure.messaging.webpubsub.WebPubSubServiceClient> official) {
		return new Operation(name, status, (client) -> send(() -> ours.accept(client)),
				(client) -> send(() -> official.accept(client)));
	}

	private static Operation check(String name, Predicate<WebPubSubServiceClient> ours,
			Predicate<com.azure.messaging.webpubsub.WebPubSubServiceClient> official) {
		return new Operation(name, 200, ours::test, official::test);
	}

	/**
	 * One row of the table: the same call on both clients and the status the server responds with, which must be
	 * one the official client expects for the operation.
	 */
	record Operation(String name, int status, Function<WebPubSubServiceClient, Object> ours,
			Function<com.azure.messaging.webpubsub.WebPubSubServiceClient, Object> official) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
