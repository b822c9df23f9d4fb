package io.webpubsub.sample.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.webpubsub.emulator.WebPubSubEmulator;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat end to end: the app with its embedded emulator on free ports, and real WebSocket clients that negotiate,
 * connect and chat.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "webpubsub.emulator.port=0" })
class ChatEndToEndTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	WebPubSubEmulator emulator;

	@Autowired
	WebPubSubServiceClient webPubSub;

	private final OkHttpClient http = new OkHttpClient();

	private final List<WebSocket> sockets = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.sockets.forEach((socket) -> socket.close(1000, "test over"));
		this.http.dispatcher().executorService().shutdown();
		this.http.connectionPool().evictAll();
	}

	@Test
	void twoUsersSeeJoinsMessagesAndLeave() throws Exception {
		ChatClient alice = connect("alice", "json.webpubsub.azure.v1");
		assertThat(alice.nextChatLine()).isEqualTo(line("system", "alice joined"));

		ChatClient bob = connect("bob", "json.webpubsub.azure.v1");
		assertThat(alice.nextChatLine()).isEqualTo(line("system", "bob joined"));
		assertThat(bob.nextChatLine()).isEqualTo(line("system", "bob joined"));

		alice.sendEvent("hello bob", 1);
		assertThat(alice.nextChatLine()).isEqualTo(line("alice", "hello bob"));
		assertThat(bob.nextChatLine()).isEqualTo(line("alice", "hello bob"));

		bob.sendJsonEvent("\"hi alice\"", 1);
		assertThat(alice.nextChatLine()).isEqualTo(line("bob", "hi alice"));
		assertThat(bob.nextChatLine()).isEqualTo(line("bob", "hi alice"));

		bob.socket.close(1000, "bye");
		assertThat(alice.nextChatLine()).isEqualTo(line("system", "bob left"));
	}

	@Test
	void plainWebSocketClientChats() throws Exception {
		ChatClient alice = connect("alice", "json.webpubsub.azure.v1");
		alice.nextChatLine();
		ChatClient carol = connect("carol", null);
		assertThat(alice.nextChatLine()).isEqualTo(line("system", "carol joined"));

		carol.socket.send("plain text from carol");

		assertThat(alice.nextChatLine()).isEqualTo(line("carol", "plain text from carol"));
		assertThat(JSON.readTree(carol.nextFrame())).as("a plain client receives bare JSON")
			.isEqualTo(JSON.readTree("{\"from\":\"system\",\"message\":\"carol joined\"}"));
	}

	@Test
	void overLongMessageIsRefused() throws Exception {
		ChatClient alice = connect("alice", "json.webpubsub.azure.v1");
		alice.nextChatLine();

		alice.sendEvent("x".repeat(ChatListeners.MAX_MESSAGE_LENGTH + 1), 5);

		JsonNode ack = alice.nextOfType("ack");
		assertThat(ack.path("success").asBoolean()).isFalse();
		assertThat(ack.path("error").path("message").stringValue()).startsWith("Messages are limited to 2000 characters");
		alice.sendEvent("short", 6);
		assertThat(alice.nextChatLine()).as("the long message was not broadcast").isEqualTo(line("alice", "short"));
	}

	@Test
	void expiredTokenIsRejected() throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("mallory")
			.audience("http://localhost:" + this.emulator.port() + "/client/hubs/chat")
			.expirationTime(new Date(System.currentTimeMillis() - 3_600_000))
			.build();
		SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		token.sign(new MACSigner(WebPubSubEmulator.DEFAULT_ACCESS_KEY.getBytes(StandardCharsets.UTF_8)));

		ChatClient mallory = open("ws://localhost:" + this.emulator.port() + "/client/hubs/chat?access_token="
				+ token.serialize(), "json.webpubsub.azure.v1");

		assertThat(mallory.nextFrame()).isEqualTo("failure 401");
	}

	@Test
	void clientWithoutUserIsRejected() throws Exception {
		String anonymousUrl = this.webPubSub.getClientAccessToken().url();

		ChatClient anonymous = open(anonymousUrl, "json.webpubsub.azure.v1");

		assertThat(anonymous.nextFrame()).isEqualTo("failure 401");
	}

	@Test
	void negotiateValidatesUserId() throws Exception {
		assertThat(negotiate("")).startsWith("400 ").contains("Missing 'userId'");
		assertThat(negotiate("userId=%20%20")).startsWith("400 ").contains("Missing 'userId'");
		assertThat(negotiate("userId=" + "a".repeat(65))).startsWith("400 ")
			.contains("'userId' is 65 characters long: use at most 64");
		assertThat(negotiate("userId=" + "a".repeat(64))).startsWith("200 ").contains("\"url\":\"ws://localhost:");
	}

	private String negotiate(String query) throws Exception {
		Request request = new Request.Builder().url("http://127.0.0.1:" + this.port + "/negotiate?" + query).build();
		try (Response response = this.http.newCall(request).execute()) {
			assertThat(response.header("Content-Type")).startsWith("application/json");
			return response.code() + " " + response.body().string();
		}
	}

	private ChatClient connect(String userId, @Nullable String subprotocol) throws Exception {
		String body = negotiate("userId=" + userId);
		assertThat(body).startsWith("200 ");
		String url = JSON.readTree(body.substring(4)).path("url").stringValue();
		return open(url, subprotocol);
	}

	private ChatClient open(String url, @Nullable String subprotocol) {
		Request.Builder request = new Request.Builder().url(url);
		if (subprotocol != null) {
			request.header("Sec-WebSocket-Protocol", subprotocol);
		}
		ChatClient client = new ChatClient();
		client.socket = this.http.newWebSocket(request.build(), client);
		this.sockets.add(client.socket);
		return client;
	}

	private static JsonNode line(String from, String message) {
		return JSON.createObjectNode().put("from", from).put("message", message);
	}

	/** A WebSocket client that queues the frames it receives. */
	static final class ChatClient extends WebSocketListener {

		private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

		WebSocket socket;

		void sendEvent(String text, int ackId) {
			this.socket.send(JSON.createObjectNode().put("type", "event").put("event", "message")
				.put("dataType", "text").put("data", text).put("ackId", ackId).toString());
		}

		void sendJsonEvent(String json, int ackId) {
			this.socket.send("{\"type\":\"event\",\"event\":\"message\",\"dataType\":\"json\",\"data\":" + json
					+ ",\"ackId\":" + ackId + "}");
		}

		String nextFrame() throws InterruptedException {
			String frame = this.frames.poll(10, TimeUnit.SECONDS);
			assertThat(frame).as("a frame within 10 seconds").isNotNull();
			return frame;
		}

		JsonNode nextOfType(String type) throws InterruptedException {
			for (int i = 0; i < 20; i++) {
				JsonNode frame = JSON.readTree(nextFrame());
				if (type.equals(frame.path("type").stringValue())) {
					return frame;
				}
			}
			throw new AssertionError("No frame of type " + type);
		}

		/** Returns the data of the next chat line, skipping acks and the connected message. */
		JsonNode nextChatLine() throws InterruptedException {
			return nextOfType("message").path("data");
		}

		@Override
		public void onMessage(WebSocket webSocket, String text) {
			this.frames.add(text);
		}

		@Override
		public void onFailure(WebSocket webSocket, Throwable failure, @Nullable Response response) {
			this.frames.add("failure " + ((response != null) ? response.code() : failure.toString()));
		}

	}

}
