package io.webpubsub.emulator.client;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.webpubsub.spring.client.ClientAccessTokenOptions;
import io.webpubsub.spring.client.RetryOptions;
import io.webpubsub.spring.client.WebPubSubMessage;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upstream events of reliable connections, with a real HTTP server as the event handler: a dropped connection
 * sends {@code disconnected} only when it ends, and a recovery sends no events.
 */
class ReliableUpstreamTests {

	private static final String RELIABLE_PROTOCOL = "json.reliable.webpubsub.azure.v1";

	@StartStop
	final MockWebServer handler = new MockWebServer();

	private final BlockingQueue<RecordedRequest> events = new LinkedBlockingQueue<>();

	private final OkHttpClient http = new OkHttpClient();

	private ReliableTestServer server;

	private WebPubSubServiceClient service;

	@AfterEach
	void stop() {
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
	void expirySendsOneDisconnected() throws Exception {
		Duration window = Duration.ofMillis(500);
		start(window);
		TestSocket client = reliableClient();
		String connectionId = client.nextJson().path("connectionId").stringValue();
		assertThat(nextEvent().getHeaders().get("ce-eventName")).isEqualTo("connect");
		assertThat(nextEvent().getHeaders().get("ce-eventName")).isEqualTo("connected");

		long droppedAt = System.nanoTime();
		client.cancel();
		assertThat(this.service.connectionExists(connectionId)).as("kept while it may be recovered").isTrue();

		RecordedRequest disconnected = nextEvent();
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - droppedAt);
		assertThat(disconnected.getHeaders().get("ce-eventName")).isEqualTo("disconnected");
		assertThat(disconnected.getHeaders().get("ce-connectionId")).isEqualTo(connectionId);
		assertThat(disconnected.getBody().utf8()).contains("not recovered");
		assertThat(elapsedMillis).as("sent after the recovery window").isGreaterThanOrEqualTo(window.toMillis());
		assertThat(this.service.connectionExists(connectionId)).isFalse();
		assertThat(this.events.poll(300, TimeUnit.MILLISECONDS)).as("no second event").isNull();
	}

	@Test
	void recoverySendsNoEvents() throws Exception {
		start(Duration.ofSeconds(30));
		TestSocket first = reliableClient();
		JsonNode connected = first.nextJson();
		String connectionId = connected.path("connectionId").stringValue();
		assertThat(nextEvent().getHeaders().get("ce-eventName")).isEqualTo("connect");
		assertThat(nextEvent().getHeaders().get("ce-eventName")).isEqualTo("connected");

		first.cancel();
		TestSocket second = TestSocket.open(this.http, "ws://localhost:" + this.server.port()
				+ "/client/hubs/chat?awps_connection_id=" + connectionId + "&awps_reconnection_token="
				+ connected.path("reconnectionToken").stringValue(), RELIABLE_PROTOCOL);
		assertThat(second.nextJson().path("connectionId").stringValue()).isEqualTo(connectionId);
		this.service.sendToConnection(connectionId, WebPubSubMessage.text("after"));
		assertThat(second.nextJson().path("sequenceId").longValue()).isEqualTo(1);
		assertThat(this.events.poll(300, TimeUnit.MILLISECONDS)).as("no event for the drop or the recovery").isNull();

		this.service.closeConnection(connectionId, "bye");

		RecordedRequest disconnected = nextEvent();
		assertThat(disconnected.getHeaders().get("ce-eventName")).isEqualTo("disconnected");
		assertThat(disconnected.getBody().utf8()).isEqualTo("{\"reason\":\"bye\"}");
		assertThat(this.events.poll(300, TimeUnit.MILLISECONDS)).as("no second event").isNull();
	}

	@Test
	void restCloseOfDroppedConnectionEndsIt() throws Exception {
		start(Duration.ofSeconds(30));
		TestSocket client = reliableClient();
		String connectionId = client.nextJson().path("connectionId").stringValue();
		nextEvent();
		nextEvent();
		client.cancel();

		this.service.closeConnection(connectionId, "gone");

		RecordedRequest disconnected = nextEvent();
		assertThat(disconnected.getHeaders().get("ce-eventName")).isEqualTo("disconnected");
		assertThat(disconnected.getBody().utf8()).isEqualTo("{\"reason\":\"gone\"}");
		assertThat(this.service.connectionExists(connectionId)).isFalse();
		assertThat(this.events.poll(300, TimeUnit.MILLISECONDS)).as("no second event").isNull();
	}

	private void start(Duration recoveryWindow) throws InterruptedException {
		this.handler.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (request.getMethod().equals("OPTIONS")) {
					return new MockResponse.Builder().code(200).addHeader("WebHook-Allowed-Origin", "*").build();
				}
				ReliableUpstreamTests.this.events.add(request);
				return new MockResponse.Builder().code(204).build();
			}
		});
		this.server = new ReliableTestServer(new ReliableOptions(recoveryWindow, 1000, 16L * 1024 * 1024));
		this.server.setUpstream("chat", this.handler.url("/eventhandler/").toString() + "{event}");
		this.service = WebPubSubServiceClient.builder()
			.connectionString(this.server.connectionString())
			.hub("chat")
			.retryOptions(RetryOptions.none())
			.build();
	}

	private TestSocket reliableClient() {
		return TestSocket.open(this.http, this.service.getClientAccessToken(ClientAccessTokenOptions.defaults()
			.userId("alice")).url(), RELIABLE_PROTOCOL);
	}

	private RecordedRequest nextEvent() throws InterruptedException {
		RecordedRequest request = this.events.poll(5, TimeUnit.SECONDS);
		assertThat(request).as("an upstream event within 5 seconds").isNotNull();
		return request;
	}

}
