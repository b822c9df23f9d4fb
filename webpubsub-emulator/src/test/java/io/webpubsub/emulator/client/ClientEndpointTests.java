package io.webpubsub.emulator.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.webpubsub.emulator.WebPubSubEmulator;
import io.webpubsub.spring.client.ClientAccessTokenOptions;
import io.webpubsub.spring.client.RetryOptions;
import io.webpubsub.spring.client.WebPubSubMessage;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import okhttp3.OkHttpClient;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients over real WebSockets: the handshake, the JSON subprotocol's messages, roles, acks, and plain clients.
 */
class ClientEndpointTests {

	private static final String JSON_PROTOCOL = "json.webpubsub.azure.v1";

	private WebPubSubEmulator emulator;

	private WebPubSubServiceClient service;

	private final OkHttpClient http = new OkHttpClient();

	@BeforeEach
	void start() {
		this.emulator = WebPubSubEmulator.start(0, WebPubSubEmulator.DEFAULT_ACCESS_KEY);
		this.service = WebPubSubServiceClient.builder()
			.connectionString(this.emulator.connectionString())
			.hub("chat")
			.retryOptions(RetryOptions.none())
			.build();
	}

	@AfterEach
	void stop() {
		this.http.dispatcher().executorService().shutdown();
		this.http.connectionPool().evictAll();
		this.service.close();
		this.emulator.close();
	}

	@Test
	void connectedMessageComesFirst() throws Exception {
		TestSocket socket = jsonClient(ClientAccessTokenOptions.defaults().userId("alice"));

		Object opened = socket.next();
		JsonNode connected = socket.nextJson();

		assertThat(opened).isEqualTo(new TestSocket.Opened(JSON_PROTOCOL));
		assertThat(connected.path("type").stringValue()).isEqualTo("system");
		assertThat(connected.path("event").stringValue()).isEqualTo("connected");
		assertThat(connected.path("userId").stringValue()).isEqualTo("alice");
		assertThat(this.service.connectionExists(connected.path("connectionId").stringValue())).isTrue();
		assertThat(this.service.userExists("alice")).isTrue();
	}

	@Test
	void joinSendAndAckWithRoles() throws Exception {
		TestSocket alice = jsonClient(ClientAccessTokenOptions.defaults()
			.userId("alice")
			.roles("webpubsub.joinLeaveGroup.lobby", "webpubsub.sendToGroup.lobby"));
		alice.nextJson();

		alice.send("{\"type\":\"joinGroup\",\"group\":\"lobby\",\"ackId\":1}");
		assertThat(alice.nextJson().toString()).isEqualTo("{\"type\":\"ack\",\"ackId\":1,\"success\":true}");

		alice.send("{\"type\":\"sendToGroup\",\"group\":\"lobby\",\"dataType\":\"text\",\"data\":\"hi\",\"ackId\":2}");
		JsonNode first = alice.nextJson();
		JsonNode second = alice.nextJson();
		JsonNode echo = first.path("type").stringValue().equals("message") ? first : second;
		JsonNode ack = (echo == first) ? second : first;
		assertThat(echo.toString()).isEqualTo("{\"type\":\"message\",\"from\":\"group\",\"group\":\"lobby\","
				+ "\"fromUserId\":\"alice\",\"dataType\":\"text\",\"data\":\"hi\"}");
		assertThat(ack.toString()).isEqualTo("{\"type\":\"ack\",\"ackId\":2,\"success\":true}");

		alice.send("{\"type\":\"sendToGroup\",\"group\":\"lobby\",\"dataType\":\"text\",\"data\":\"hi\",\"ackId\":2}");
		JsonNode duplicate = alice.nextJson();
		assertThat(duplicate.path("success").asBoolean()).isFalse();
		assertThat(duplicate.path("error").path("name").stringValue()).isEqualTo("Duplicate");
		assertThat(duplicate.path("error").path("message").stringValue())
			.isEqualTo("Message with ack-id: 2 has been processed");
	}

	@Test
	void missingRoleIsForbidden() throws Exception {
		TestSocket client = jsonClient(ClientAccessTokenOptions.defaults().userId("bob")
			.roles("webpubsub.joinLeaveGroup.lobby"));
		client.nextJson();

		client.send("{\"type\":\"joinGroup\",\"group\":\"other\",\"ackId\":1}");
		client.send("{\"type\":\"sendToGroup\",\"group\":\"lobby\",\"data\":{\"x\":1},\"ackId\":2}");

		JsonNode join = client.nextJson();
		JsonNode send = client.nextJson();
		assertThat(join.path("error").path("name").stringValue()).isEqualTo("Forbidden");
		assertThat(send.path("error").path("name").stringValue()).isEqualTo("Forbidden");
		assertThat(this.service.groupExists("other")).isFalse();
	}

	@Test
	void noEchoSkipsSender() throws Exception {
		ClientAccessTokenOptions publisher = ClientAccessTokenOptions.defaults()
			.roles("webpubsub.sendToGroup", "webpubsub.joinLeaveGroup")
			.groups("room");
		TestSocket sender = jsonClient(publisher.userId("sender"));
		TestSocket receiver = jsonClient(publisher.userId("receiver"));
		sender.nextJson();
		receiver.nextJson();

		sender.send("{\"type\":\"sendToGroup\",\"group\":\"room\",\"data\":{\"n\":1},\"noEcho\":true}");

		JsonNode received = receiver.nextJson();
		assertThat(received.path("dataType").stringValue()).isEqualTo("json");
		assertThat(received.path("data").toString()).isEqualTo("{\"n\":1}");
		assertThat(sender.staysQuiet(300)).isTrue();
	}

	@Test
	void restMessagesArriveInEnvelopes() throws Exception {
		TestSocket client = jsonClient(ClientAccessTokenOptions.defaults().userId("alice"));
		client.nextJson();

		this.service.sendToUser("alice", WebPubSubMessage.json(List.of(1, 2)));
		this.service.sendToAll(WebPubSubMessage.binary("hello world".getBytes(StandardCharsets.UTF_8)));

		assertThat(client.nextJson().toString())
			.isEqualTo("{\"type\":\"message\",\"from\":\"server\",\"dataType\":\"json\",\"data\":[1,2]}");
		assertThat(client.nextJson().toString()).isEqualTo("{\"type\":\"message\",\"from\":\"server\","
				+ "\"dataType\":\"binary\",\"data\":\"aGVsbG8gd29ybGQ=\"}");
	}

	@Test
	void restCloseSendsDisconnected() throws Exception {
		TestSocket client = jsonClient(ClientAccessTokenOptions.defaults().userId("alice"));
		String connectionId = client.nextJson().path("connectionId").stringValue();

		this.service.closeConnection(connectionId, "bye now");

		assertThat(client.nextJson().toString())
			.isEqualTo("{\"type\":\"system\",\"event\":\"disconnected\",\"message\":\"bye now\"}");
		assertThat(client.next()).isEqualTo(new TestSocket.Closed(1000, "bye now"));
	}

	@Test
	void pingGetsPong() throws Exception {
		TestSocket client = jsonClient(ClientAccessTokenOptions.defaults());
		client.nextJson();

		client.send("{\"type\":\"ping\"}");

		assertThat(client.nextJson().toString()).isEqualTo("{\"type\":\"pong\"}");
	}

	@Test
	void plainClientGetsBareFrames() throws Exception {
		TestSocket client = TestSocket.open(this.http, this.service.getClientAccessToken(
				ClientAccessTokenOptions.defaults().userId("raw")).url(), null);
		assertThat(client.next()).isEqualTo(new TestSocket.Opened(null));

		this.service.sendToAll(WebPubSubMessage.text("plain"));
		this.service.sendToAll(WebPubSubMessage.binary(new byte[] { 1, 2 }));

		assertThat(client.next()).isEqualTo("plain");
		assertThat(client.next()).isEqualTo(ByteString.of(new byte[] { 1, 2 }));
	}

	@Test
	void malformedJsonClosesWith1007() throws Exception {
		TestSocket client = jsonClient(ClientAccessTokenOptions.defaults());
		client.nextJson();

		client.send("{not json");

		assertThat(client.next()).isInstanceOfSatisfying(TestSocket.Closed.class,
				(closed) -> assertThat(closed.code()).isEqualTo(1007));
	}

	@Test
	void binaryFrameOnJsonClosesWith1003() throws Exception {
		TestSocket client = jsonClient(ClientAccessTokenOptions.defaults());
		client.nextJson();

		client.send(new byte[] { 1 });

		assertThat(client.next()).isInstanceOfSatisfying(TestSocket.Closed.class,
				(closed) -> assertThat(closed.code()).isEqualTo(1003));
	}

	@Test
	void tokenOfAnotherKeyGets401() throws Exception {
		String token = token("another-key-that-is-long-enough-0123456789", audience(), Duration.ofMinutes(5));

		assertFailsWith401(token);
	}

	@Test
	void expiredTokenGets401() throws Exception {
		String token = token(WebPubSubEmulator.DEFAULT_ACCESS_KEY, audience(), Duration.ofMinutes(-10));

		assertFailsWith401(token);
	}

	@Test
	void tokenForAnotherHubGets401() throws Exception {
		String token = token(WebPubSubEmulator.DEFAULT_ACCESS_KEY, audience().replace("/chat", "/other"),
				Duration.ofMinutes(5));

		assertFailsWith401(token);
	}

	private void assertFailsWith401(String token) throws InterruptedException {
		TestSocket socket = TestSocket.open(this.http, "ws://localhost:" + this.emulator.port()
				+ "/client/hubs/chat?access_token=" + token, JSON_PROTOCOL);

		assertThat(socket.next()).isInstanceOfSatisfying(TestSocket.Failed.class,
				(failed) -> assertThat(failed.status()).isEqualTo(401));
	}

	private String audience() {
		return "http://localhost:" + this.emulator.port() + "/client/hubs/chat";
	}

	private static String token(String key, String audience, Duration lifetime) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().audience(audience)
			.subject("mallory")
			.expirationTime(new Date(System.currentTimeMillis() + lifetime.toMillis()))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
		return jwt.serialize();
	}

	private TestSocket jsonClient(ClientAccessTokenOptions options) {
		return TestSocket.open(this.http, this.service.getClientAccessToken(options).url(), JSON_PROTOCOL);
	}

}
