package io.webpubsub.emulator.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.webpubsub.emulator.WebPubSubEmulator;
import io.webpubsub.spring.client.ClientAccessTokenOptions;
import io.webpubsub.spring.client.RetryOptions;
import io.webpubsub.spring.client.WebPubSubMessage;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reliable JSON subprotocol over real WebSockets: sequence ids, acks, the buffer limits, and recovery of a
 * dropped connection.
 */
class ReliableProtocolTests {

	private static final String RELIABLE_PROTOCOL = "json.reliable.webpubsub.azure.v1";

	private static final String JSON_PROTOCOL = "json.webpubsub.azure.v1";

	private final OkHttpClient http = new OkHttpClient();

	private AutoCloseable server;

	private int port;

	private WebPubSubServiceClient service;

	@AfterEach
	void stop() throws Exception {
		this.http.dispatcher().executorService().shutdown();
		this.http.connectionPool().evictAll();
		if (this.service != null) {
			this.service.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void sequenceIdsCountFromOne() throws Exception {
		startEmulator();
		TestSocket client = reliableClient(ClientAccessTokenOptions.defaults()
			.userId("alice")
			.roles("webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"));

		assertThat(client.next()).isEqualTo(new TestSocket.Opened(RELIABLE_PROTOCOL));
		JsonNode connected = client.nextJson();
		assertThat(connected.path("event").stringValue()).isEqualTo("connected");
		assertThat(connected.path("userId").stringValue()).isEqualTo("alice");
		assertThat(connected.path("reconnectionToken").isString()).isTrue();
		assertThat(connected.path("reconnectionToken").stringValue()).isNotBlank();
		assertThat(connected.has("sequenceId")).isFalse();

		this.service.sendToAll(WebPubSubMessage.text("one"));
		this.service.sendToAll(WebPubSubMessage.json(List.of(2)));
		assertThat(client.nextJson().toString()).isEqualTo(
				"{\"type\":\"message\",\"sequenceId\":1,\"from\":\"server\",\"dataType\":\"text\",\"data\":\"one\"}");
		assertThat(client.nextJson().toString()).isEqualTo(
				"{\"type\":\"message\",\"sequenceId\":2,\"from\":\"server\",\"dataType\":\"json\",\"data\":[2]}");

		client.send("{\"type\":\"ping\"}");
		assertThat(client.nextJson().toString()).isEqualTo("{\"type\":\"pong\"}");

		client.send("{\"type\":\"joinGroup\",\"group\":\"lobby\",\"ackId\":1}");
		assertThat(client.nextJson().toString()).isEqualTo("{\"type\":\"ack\",\"ackId\":1,\"success\":true}");

		client.send("{\"type\":\"sendToGroup\",\"group\":\"lobby\",\"dataType\":\"text\",\"data\":\"hi\",\"ackId\":2}");
		JsonNode first = client.nextJson();
		JsonNode second = client.nextJson();
		JsonNode echo = first.path("type").stringValue().equals("message") ? first : second;
		JsonNode ack = (echo == first) ? second : first;
		assertThat(echo.path("sequenceId").longValue()).isEqualTo(3);
		assertThat(echo.path("group").stringValue()).isEqualTo("lobby");
		assertThat(ack.toString()).isEqualTo("{\"type\":\"ack\",\"ackId\":2,\"success\":true}");
	}

	@Test
	void plainJsonHasNoSequenceIds() throws Exception {
		startEmulator();
		TestSocket client = TestSocket.open(this.http, this.service.getClientAccessToken(
				ClientAccessTokenOptions.defaults()).url(), JSON_PROTOCOL);

		JsonNode connected = client.nextJson();
		client.send("{\"type\":\"sequenceAck\",\"sequenceId\":1,\"ackId\":1}");
		this.service.sendToAll(WebPubSubMessage.text("one"));

		assertThat(connected.has("reconnectionToken")).isFalse();
		assertThat(client.nextJson().toString()).isEqualTo("{\"type\":\"ack\",\"ackId\":1,\"success\":true}");
		assertThat(client.nextJson().toString())
			.isEqualTo("{\"type\":\"message\",\"from\":\"server\",\"dataType\":\"text\",\"data\":\"one\"}");
	}

	@Test
	void invalidSequenceAckIsRejected() throws Exception {
		startEmulator();
		TestSocket client = reliableClient(ClientAccessTokenOptions.defaults());
		client.nextJson();

		client.send("{\"type\":\"sequenceAck\",\"sequenceId\":\"one\",\"ackId\":1}");

		JsonNode ack = client.nextJson();
		assertThat(ack.path("success").asBoolean()).isFalse();
		assertThat(ack.path("error").path("name").stringValue()).isEqualTo("BadRequest");
	}

	@Test
	void recoveryReplaysUnackedMessages() throws Exception {
		startEmulator();
		TestSocket first = reliableClient(ClientAccessTokenOptions.defaults()
			.userId("alice")
			.roles("webpubsub.joinLeaveGroup"));
		JsonNode connected = first.nextJson();
		String connectionId = connected.path("connectionId").stringValue();
		String token = connected.path("reconnectionToken").stringValue();
		first.send("{\"type\":\"joinGroup\",\"group\":\"room\",\"ackId\":1}");
		assertThat(first.nextJson().path("success").asBoolean()).isTrue();
		for (int i = 1; i <= 3; i++) {
			this.service.sendToConnection(connectionId, WebPubSubMessage.text("m" + i));
			assertThat(first.nextJson().path("sequenceId").longValue()).isEqualTo(i);
		}
		first.send("{\"type\":\"sequenceAck\",\"sequenceId\":2}");
		first.send("{\"type\":\"ping\"}");
		assertThat(first.nextJson().path("type").stringValue()).as("the ack was processed").isEqualTo("pong");

		first.cancel();
		this.service.sendToConnection(connectionId, WebPubSubMessage.text("m4"));
		this.service.sendToGroup("room", WebPubSubMessage.text("m5"));
		assertThat(this.service.connectionExists(connectionId)).isTrue();

		TestSocket second = recover(connectionId, token, RELIABLE_PROTOCOL);
		assertThat(second.next()).isEqualTo(new TestSocket.Opened(RELIABLE_PROTOCOL));
		JsonNode reconnected = second.nextJson();
		assertThat(reconnected.path("event").stringValue()).isEqualTo("connected");
		assertThat(reconnected.path("connectionId").stringValue()).isEqualTo(connectionId);
		assertThat(second.nextJson().toString()).isEqualTo(
				"{\"type\":\"message\",\"sequenceId\":3,\"from\":\"server\",\"dataType\":\"text\",\"data\":\"m3\"}");
		assertThat(second.nextJson().toString()).isEqualTo(
				"{\"type\":\"message\",\"sequenceId\":4,\"from\":\"server\",\"dataType\":\"text\",\"data\":\"m4\"}");
		assertThat(second.nextJson().toString()).isEqualTo("{\"type\":\"message\",\"sequenceId\":5,\"from\":\"server\","
				+ "\"group\":\"room\",\"dataType\":\"text\",\"data\":\"m5\"}");

		this.service.sendToGroup("room", WebPubSubMessage.text("m6"));
		JsonNode afterRecovery = second.nextJson();
		assertThat(afterRecovery.path("sequenceId").longValue()).isEqualTo(6);
		assertThat(afterRecovery.path("data").stringValue()).isEqualTo("m6");

		second.send("{\"type\":\"joinGroup\",\"group\":\"room\",\"ackId\":1}");
		JsonNode duplicate = second.nextJson();
		assertThat(duplicate.path("success").asBoolean()).isFalse();
		assertThat(duplicate.path("error").path("name").stringValue()).isEqualTo("Duplicate");
	}

	@Test
	void recoveryReplacesOpenSocket() throws Exception {
		startEmulator();
		TestSocket first = reliableClient(ClientAccessTokenOptions.defaults());
		JsonNode connected = first.nextJson();
		String connectionId = connected.path("connectionId").stringValue();
		this.service.sendToConnection(connectionId, WebPubSubMessage.text("m1"));
		first.nextJson();

		TestSocket second = recover(connectionId, connected.path("reconnectionToken").stringValue(),
				RELIABLE_PROTOCOL);

		assertThat(second.nextJson().path("event").stringValue()).isEqualTo("connected");
		assertThat(second.nextJson().path("sequenceId").longValue()).isEqualTo(1);
		assertThat(first.next()).as("the replaced socket is closed").isInstanceOf(TestSocket.Failed.class);
		this.service.sendToConnection(connectionId, WebPubSubMessage.text("m2"));
		assertThat(second.nextJson().path("sequenceId").longValue()).isEqualTo(2);
	}

	@Test
	void recoveryRejectsWrongToken() throws Exception {
		startEmulator();
		TestSocket alice = reliableClient(ClientAccessTokenOptions.defaults().userId("alice"));
		JsonNode aliceConnected = alice.nextJson();
		TestSocket bob = reliableClient(ClientAccessTokenOptions.defaults().userId("bob"));
		JsonNode bobConnected = bob.nextJson();
		String connectionId = aliceConnected.path("connectionId").stringValue();
		alice.cancel();

		assertRecoveryFails(recover(connectionId, "not-the-token", RELIABLE_PROTOCOL), "Invalid reconnection token");
		assertRecoveryFails(recover(connectionId, bobConnected.path("reconnectionToken").stringValue(),
				RELIABLE_PROTOCOL), "Invalid reconnection token");
		assertRecoveryFails(recover(connectionId, "", RELIABLE_PROTOCOL), "Missing awps_reconnection_token");

		TestSocket recovered = recover(connectionId, aliceConnected.path("reconnectionToken").stringValue(),
				RELIABLE_PROTOCOL);
		assertThat(recovered.nextJson().path("connectionId").stringValue()).isEqualTo(connectionId);
	}

	@Test
	void recoveryOfUnknownConnectionFails() throws Exception {
		startEmulator();

		assertRecoveryFails(recover("0123456789abcdef", "token", RELIABLE_PROTOCOL), "is not found in hub chat");
	}

	@Test
	void recoveryNeedsReliableSubprotocol() throws Exception {
		startEmulator();
		TestSocket client = reliableClient(ClientAccessTokenOptions.defaults());
		JsonNode connected = client.nextJson();
		client.cancel();

		TestSocket plain = recover(connected.path("connectionId").stringValue(),
				connected.path("reconnectionToken").stringValue(), JSON_PROTOCOL);

		assertThat(plain.next()).isEqualTo(new TestSocket.Opened(JSON_PROTOCOL));
		assertThat(plain.next()).isInstanceOfSatisfying(TestSocket.Closed.class, (closed) -> {
			assertThat(closed.code()).isEqualTo(1008);
			assertThat(closed.reason()).contains("requires the " + RELIABLE_PROTOCOL);
		});
	}

	@Test
	void plainJsonConnectionCannotRecover() throws Exception {
		startEmulator();
		TestSocket client = TestSocket.open(this.http, this.service.getClientAccessToken(
				ClientAccessTokenOptions.defaults()).url(), JSON_PROTOCOL);
		String connectionId = client.nextJson().path("connectionId").stringValue();

		assertRecoveryFails(recover(connectionId, "token", RELIABLE_PROTOCOL), "cannot be recovered");

		client.cancel();
		awaitTrue(() -> !this.service.connectionExists(connectionId), "the dropped connection is removed");
	}

	@Test
	void expiredConnectionCannotRecover() throws Exception {
		startServer(new ReliableOptions(Duration.ofMillis(300), 1000, 16L * 1024 * 1024));
		TestSocket client = reliableClient(ClientAccessTokenOptions.defaults());
		JsonNode connected = client.nextJson();
		String connectionId = connected.path("connectionId").stringValue();

		client.cancel();
		awaitTrue(() -> !this.service.connectionExists(connectionId), "the recovery window passes");

		assertRecoveryFails(recover(connectionId, connected.path("reconnectionToken").stringValue(),
				RELIABLE_PROTOCOL), "is not found in hub chat");
	}

	@Test
	void closeWithOtherCodeKeepsConnection() throws Exception {
		startEmulator();
		TestSocket client = reliableClient(ClientAccessTokenOptions.defaults());
		JsonNode connected = client.nextJson();
		String connectionId = connected.path("connectionId").stringValue();

		client.close(1001);
		assertThat(client.next()).isEqualTo(new TestSocket.Closed(1001, "done"));

		assertThat(this.service.connectionExists(connectionId)).isTrue();
		TestSocket recovered = recover(connectionId, connected.path("reconnectionToken").stringValue(),
				RELIABLE_PROTOCOL);
		assertThat(recovered.nextJson().path("connectionId").stringValue()).isEqualTo(connectionId);
	}

	@Test
	void normalCloseEndsConnection() throws Exception {
		startEmulator();
		TestSocket client = reliableClient(ClientAccessTokenOptions.defaults());
		JsonNode connected = client.nextJson();
		String connectionId = connected.path("connectionId").stringValue();

		client.close();
		assertThat(client.next()).isEqualTo(new TestSocket.Closed(1000, "done"));

		awaitTrue(() -> !this.service.connectionExists(connectionId), "the closed connection is removed");
		assertRecoveryFails(recover(connectionId, connected.path("reconnectionToken").stringValue(),
				RELIABLE_PROTOCOL), "is not found in hub chat");
	}

	@Test
	void restCloseEndsConnection() throws Exception {
		startEmulator();
		TestSocket client = reliableClient(ClientAccessTokenOptions.defaults());
		JsonNode connected = client.nextJson();
		String connectionId = connected.path("connectionId").stringValue();

		this.service.closeConnection(connectionId, "bye");

		assertThat(client.nextJson().toString())
			.isEqualTo("{\"type\":\"system\",\"event\":\"disconnected\",\"message\":\"bye\"}");
		assertThat(client.next()).isEqualTo(new TestSocket.Closed(1000, "bye"));
		assertThat(this.service.connectionExists(connectionId)).isFalse();
		assertRecoveryFails(recover(connectionId, connected.path("reconnectionToken").stringValue(),
				RELIABLE_PROTOCOL), "is not found in hub chat");
	}

	@Test
	void overflowClosesWith1008() throws Exception {
		startEmulator();
		TestSocket client = reliableClient(ClientAccessTokenOptions.defaults());
		JsonNode connected = client.nextJson();
		String connectionId = connected.path("connectionId").stringValue();

		for (int i = 1; i <= 1001; i++) {
			this.service.sendToConnection(connectionId, WebPubSubMessage.text("m" + i));
		}

		for (int i = 1; i <= 1000; i++) {
			assertThat(client.nextJson().path("sequenceId").longValue()).isEqualTo(i);
		}
		assertThat(client.next()).isInstanceOfSatisfying(TestSocket.Closed.class, (closed) -> {
			assertThat(closed.code()).isEqualTo(1008);
			assertThat(closed.reason()).startsWith("Too many unacknowledged messages");
		});
		awaitTrue(() -> !this.service.connectionExists(connectionId), "the overflowed connection is removed");
		assertRecoveryFails(recover(connectionId, connected.path("reconnectionToken").stringValue(),
				RELIABLE_PROTOCOL), "is not found in hub chat");
	}

	@Test
	void ackedMessagesFreeBuffer() throws Exception {
		startServer(new ReliableOptions(Duration.ofSeconds(30), 3, 16L * 1024 * 1024));
		TestSocket client = reliableClient(ClientAccessTokenOptions.defaults());
		String connectionId = client.nextJson().path("connectionId").stringValue();

		sendTexts(connectionId, 3);
		for (int i = 1; i <= 3; i++) {
			assertThat(client.nextJson().path("sequenceId").longValue()).isEqualTo(i);
		}
		client.send("{\"type\":\"sequenceAck\",\"sequenceId\":3}");
		client.send("{\"type\":\"ping\"}");
		assertThat(client.nextJson().path("type").stringValue()).as("the ack was processed").isEqualTo("pong");

		sendTexts(connectionId, 3);
		for (int i = 4; i <= 6; i++) {
			assertThat(client.nextJson().path("sequenceId").longValue()).isEqualTo(i);
		}
		sendTexts(connectionId, 1);
		assertThat(client.next()).isInstanceOfSatisfying(TestSocket.Closed.class,
				(closed) -> assertThat(closed.code()).isEqualTo(1008));
	}

	@Test
	void byteLimitClosesWith1008() throws Exception {
		startServer(new ReliableOptions(Duration.ofSeconds(30), 1000, 200));
		TestSocket client = reliableClient(ClientAccessTokenOptions.defaults());
		String connectionId = client.nextJson().path("connectionId").stringValue();
		String data = "x".repeat(100);

		this.service.sendToConnection(connectionId, WebPubSubMessage.text(data));
		assertThat(client.nextJson().path("data").stringValue()).isEqualTo(data);
		this.service.sendToConnection(connectionId, WebPubSubMessage.text(data));

		assertThat(client.next()).isInstanceOfSatisfying(TestSocket.Closed.class,
				(closed) -> assertThat(closed.code()).isEqualTo(1008));
	}

	@Test
	void overflowWhileDroppedEndsConnection() throws Exception {
		startServer(new ReliableOptions(Duration.ofSeconds(30), 2, 16L * 1024 * 1024));
		TestSocket client = reliableClient(ClientAccessTokenOptions.defaults());
		JsonNode connected = client.nextJson();
		String connectionId = connected.path("connectionId").stringValue();

		client.cancel();
		sendTexts(connectionId, 3);

		awaitTrue(() -> !this.service.connectionExists(connectionId), "the overflowed connection is removed");
		assertRecoveryFails(recover(connectionId, connected.path("reconnectionToken").stringValue(),
				RELIABLE_PROTOCOL), "is not found in hub chat");
	}

	private void startEmulator() {
		WebPubSubEmulator emulator = WebPubSubEmulator.start(0, WebPubSubEmulator.DEFAULT_ACCESS_KEY);
		this.server = emulator;
		this.port = emulator.port();
		this.service = serviceClient(emulator.connectionString());
	}

	private void startServer(ReliableOptions options) throws InterruptedException {
		ReliableTestServer testServer = new ReliableTestServer(options);
		this.server = testServer;
		this.port = testServer.port();
		this.service = serviceClient(testServer.connectionString());
	}

	private static WebPubSubServiceClient serviceClient(String connectionString) {
		return WebPubSubServiceClient.builder()
			.connectionString(connectionString)
			.hub("chat")
			.retryOptions(RetryOptions.none())
			.build();
	}

	private TestSocket reliableClient(ClientAccessTokenOptions options) {
		return TestSocket.open(this.http, this.service.getClientAccessToken(options).url(), RELIABLE_PROTOCOL);
	}

	private TestSocket recover(String connectionId, String token, String subprotocol) {
		return TestSocket.open(this.http, "ws://localhost:" + this.port + "/client/hubs/chat?awps_connection_id="
				+ connectionId + "&awps_reconnection_token=" + token, subprotocol);
	}

	private void sendTexts(String connectionId, int count) {
		for (int i = 0; i < count; i++) {
			this.service.sendToConnection(connectionId, WebPubSubMessage.text("m" + i));
		}
	}

	private static void assertRecoveryFails(TestSocket socket, String reason) throws InterruptedException {
		assertThat(socket.next()).isEqualTo(new TestSocket.Opened(RELIABLE_PROTOCOL));
		assertThat(socket.next()).isInstanceOfSatisfying(TestSocket.Closed.class, (closed) -> {
			assertThat(closed.code()).isEqualTo(1008);
			assertThat(closed.reason()).contains(reason);
		});
	}

	/** Polls the condition every 20 ms and fails after 5 seconds. */
	static void awaitTrue(BooleanSupplier condition, String description) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out after 5 seconds waiting until " + description);
			}
			Thread.sleep(20);
		}
	}

}
