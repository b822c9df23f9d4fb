package io.webpubsub.emulator.spring;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.webpubsub.emulator.WebPubSubEmulator;
import io.webpubsub.spring.client.ClientAccessTokenOptions;
import io.webpubsub.spring.client.WebPubSubMessage;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded emulator inside a real application: the client bean talks to it, and it calls the application's own
 * event handler over real sockets.
 */
@SpringBootTest(classes = EmbeddedChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "webpubsub.emulator.enabled=true", "webpubsub.emulator.port=0",
				"webpubsub.hub=chat" })
class EmbeddedEmulatorTests {

	@Autowired
	WebPubSubServiceClient service;

	@Autowired
	WebPubSubEmulator emulator;

	private final OkHttpClient http = new OkHttpClient();

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	@AfterEach
	void closeClient() {
		this.http.dispatcher().executorService().shutdown();
		this.http.connectionPool().evictAll();
	}

	@Test
	void clientBeanTalksToEmulator() {
		assertThat(this.service.getEndpoint()).isEqualTo(this.emulator.endpoint() + "/");
		this.service.checkServiceHealth();
	}

	@Test
	void eventsReachApplicationListeners() throws Exception {
		WebSocket socket = connect("alice");

		assertThat(nextFrame()).contains("\"event\":\"connected\"").contains("\"userId\":\"alice\"");
		socket.send("{\"type\":\"event\",\"event\":\"shout\",\"dataType\":\"text\",\"data\":\"hello\",\"ackId\":1}");

		assertThat(nextFrame()).isEqualTo("{\"type\":\"message\",\"from\":\"server\",\"dataType\":\"text\","
				+ "\"data\":\"alice: HELLO\"}");
		assertThat(nextFrame()).isEqualTo("{\"type\":\"ack\",\"ackId\":1,\"success\":true}");
		assertThat(this.service.groupExists("lobby")).as("group from the connect listener").isTrue();

		this.service.sendToGroup("lobby", WebPubSubMessage.text("to the lobby"));
		assertThat(nextFrame()).contains("\"group\":\"lobby\"").contains("to the lobby");
		socket.close(1000, "done");
	}

	private WebSocket connect(String userId) {
		String url = this.service.getClientAccessToken(ClientAccessTokenOptions.defaults().userId(userId)).url();
		Request request = new Request.Builder().url(url).header("Sec-WebSocket-Protocol", "json.webpubsub.azure.v1")
			.build();
		return this.http.newWebSocket(request, new WebSocketListener() {
			@Override
			public void onMessage(WebSocket webSocket, String text) {
				EmbeddedEmulatorTests.this.frames.add(text);
			}

			@Override
			public void onFailure(WebSocket webSocket, Throwable failure, @Nullable Response response) {
				EmbeddedEmulatorTests.this.frames.add("failure: " + failure + " "
						+ ((response != null) ? response.code() : ""));
			}
		});
	}

	private String nextFrame() throws InterruptedException {
		String frame = this.frames.poll(5, TimeUnit.SECONDS);
		assertThat(frame).as("a frame within 5 seconds").isNotNull();
		return frame;
	}

}
