package io.webpubsub.emulator.client;

import io.webpubsub.emulator.WebPubSubEmulator;
import io.webpubsub.spring.client.ClientAccessTokenOptions;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frame size limits and the other form of the client URL.
 */
class ClientLimitsTests {

	private WebPubSubEmulator emulator;

	private WebPubSubServiceClient service;

	private final OkHttpClient http = new OkHttpClient();

	@BeforeEach
	void start() {
		this.emulator = WebPubSubEmulator.start(0, WebPubSubEmulator.DEFAULT_ACCESS_KEY);
		this.service = WebPubSubServiceClient.builder()
			.connectionString(this.emulator.connectionString())
			.hub("chat")
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
	void frameOverOneMegabyteIsRefused() throws Exception {
		TestSocket client = TestSocket.open(this.http, this.service.getClientAccessToken(
				ClientAccessTokenOptions.defaults().userId("alice")).url(), "json.webpubsub.azure.v1");
		client.nextJson();

		client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}");

		Object event = client.next();
		assertThat(event).as("the emulator closes the connection").isInstanceOfAny(TestSocket.Closed.class,
				TestSocket.Failed.class);
		if (event instanceof TestSocket.Closed closed) {
			assertThat(closed.code()).isEqualTo(1009);
		}
	}

	@Test
	void tokenInAuthorizationHeaderIsAccepted() throws Exception {
		String url = this.service.getClientAccessToken(ClientAccessTokenOptions.defaults().userId("carol")).url();
		String token = url.substring(url.indexOf("access_token=") + "access_token=".length());
		okhttp3.Request request = new okhttp3.Request.Builder().url(url.substring(0, url.indexOf('?')))
			.header("Authorization", "Bearer " + token)
			.header("Sec-WebSocket-Protocol", "json.webpubsub.azure.v1")
			.build();
		java.util.concurrent.BlockingQueue<String> frames = new java.util.concurrent.LinkedBlockingQueue<>();
		this.http.newWebSocket(request, new okhttp3.WebSocketListener() {
			@Override
			public void onMessage(okhttp3.WebSocket webSocket, String text) {
				frames.add(text);
			}
		});

		assertThat(frames.poll(5, java.util.concurrent.TimeUnit.SECONDS)).contains("\"userId\":\"carol\"");
	}

	@Test
	void hubInQueryIsAccepted() throws Exception {
		String url = this.service.getClientAccessToken(ClientAccessTokenOptions.defaults().userId("alice")).url()
			.replace("/client/hubs/chat?", "/client/?hub=chat&");
		TestSocket client = TestSocket.open(this.http, url, "json.webpubsub.azure.v1");

		assertThat(client.nextJson().path("event").stringValue()).isEqualTo("connected");
		assertThat(this.service.userExists("alice")).isTrue();
	}

}
