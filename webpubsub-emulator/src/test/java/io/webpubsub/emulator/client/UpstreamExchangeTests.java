package io.webpubsub.emulator.client;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.webpubsub.emulator.WebPubSubEmulator;
import io.webpubsub.spring.client.ClientAccessTokenOptions;
import io.webpubsub.spring.client.RetryOptions;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator calling a real HTTP server as the event handler: the handshake, connect, user events with replies,
 * state, and disconnected.
 */
class UpstreamExchangeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String JSON_PROTOCOL = "json.webpubsub.azure.v1";

	@StartStop
	final MockWebServer handler = new MockWebServer();

	private final BlockingQueue<RecordedRequest> events = new LinkedBlockingQueue<>();

	private final Map<String, MockResponse> replies = new java.util.concurrent.ConcurrentHashMap<>();

	private final CountDownLatch slowHubRelease = new CountDownLatch(1);

	private final OkHttpClient http = new OkHttpClient();

	private WebPubSubEmulator emulator;

	private WebPubSubServiceClient service;

	@BeforeEach
	void start() {
		this.handler.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				if (request.getMethod().equals("OPTIONS")) {
					return new MockResponse.Builder().code(200).addHeader("WebHook-Allowed-Origin", "*").build();
				}
				UpstreamExchangeTests.this.events.add(request);
				String event = request.getHeaders().get("ce-eventName");
				if ("slow".equals(request.getHeaders().get("ce-hub"))) {
					UpstreamExchangeTests.this.slowHubRelease.await(10, TimeUnit.SECONDS);
				}
				MockResponse reply = UpstreamExchangeTests.this.replies.get(event);
				return (reply != null) ? reply : new MockResponse.Builder().code(204).build();
			}
		});
		this.emulator = WebPubSubEmulator.start(0, WebPubSubEmulator.DEFAULT_ACCESS_KEY);
		this.emulator.setUpstream("chat", this.handler.url("/eventhandler/{event}").toString().replace("%7B", "{")
			.replace("%7D", "}"));
		this.emulator.setUpstream("slow", this.handler.url("/eventhandler/{event}").toString().replace("%7B", "{")
			.replace("%7D", "}"));
		this.service = WebPubSubServiceClient.builder()
			.connectionString(this.emulator.connectionString())
			.hub("chat")
			.retryOptions(RetryOptions.none())
			.build();
	}

	@AfterEach
	void stop() {
		this.slowHubRelease.countDown();
		this.http.dispatcher().executorService().shutdown();
		this.http.connectionPool().evictAll();
		this.service.close();
		this.emulator.close();
	}

	@Test
	void connectResponseShapesConnection() throws Exception {
		this.replies.put("connect", new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.addHeader("ce-connectionState", "eyJrZXkiOiJhIn0=")
			.body("{\"userId\":\"bob\",\"groups\":[\"g1\"],\"roles\":[\"webpubsub.sendToGroup.g1\"]}")
			.build());

		TestSocket client = jsonClient(this.service, "alice");
		JsonNode connected = client.nextJson();

		assertThat(connected.path("userId").stringValue()).isEqualTo("bob");
		String connectionId = connected.path("connectionId").stringValue();
		RecordedRequest connect = nextEvent();
		assertThat(connect.getHeaders().get("ce-type")).isEqualTo("azure.webpubsub.sys.connect");
		assertThat(connect.getHeaders().get("ce-connectionId")).isEqualTo(connectionId);
		assertThat(connect.getHeaders().get("ce-signature")).isEqualTo("sha256=" + sign(connectionId));
		assertThat(connect.getUrl().encodedPath()).isEqualTo("/eventhandler/connect");
		JsonNode body = JSON.readTree(connect.getBody().utf8());
		assertThat(body.path("claims").path("sub").get(0).stringValue()).isEqualTo("alice");
		assertThat(body.path("query").has("access_token")).isFalse();
		assertThat(body.path("subprotocols").get(0).stringValue()).isEqualTo(JSON_PROTOCOL);

		RecordedRequest connectedEvent = nextEvent();
		assertThat(connectedEvent.getHeaders().get("ce-type")).isEqualTo("azure.webpubsub.sys.connected");
		assertThat(connectedEvent.getHeaders().get("ce-userId")).isEqualTo("bob");
		assertThat(connectedEvent.getHeaders().get("ce-connectionState")).isEqualTo("eyJrZXkiOiJhIn0=");
		assertThat(this.service.groupExists("g1")).isTrue();
		assertThat(this.service.checkPermission(io.webpubsub.spring.client.WebPubSubPermission.SEND_TO_GROUP,
				connectionId, "g1")).isTrue();
	}

	@Test
	void rejectedConnectRefusesUpgrade() throws Exception {
		this.replies.put("connect", new MockResponse.Builder().code(401).body("Sign in first").build());

		TestSocket client = jsonClient(this.service, "alice");

		assertThat(client.next()).isInstanceOfSatisfying(TestSocket.Failed.class,
				(failed) -> assertThat(failed.status()).isEqualTo(401));
		assertThat(this.service.userExists("alice")).isFalse();
	}

	@Test
	void userEventReplyComesBeforeAck() throws Exception {
		this.replies.put("chat", new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "text/plain")
			.addHeader("ce-connectionState", "eyJuIjoxfQ==")
			.body("ok")
			.build());
		TestSocket client = jsonClient(this.service, "alice");
		client.nextJson();

		client.send("{\"type\":\"event\",\"event\":\"chat\",\"dataType\":\"json\",\"data\":{\"t\":\"yo\"},\"ackId\":1}");

		assertThat(client.nextJson().toString())
			.isEqualTo("{\"type\":\"message\",\"from\":\"server\",\"dataType\":\"text\",\"data\":\"ok\"}");
		assertThat(client.nextJson().toString()).isEqualTo("{\"type\":\"ack\",\"ackId\":1,\"success\":true}");
		RecordedRequest event = eventNamed("chat");
		assertThat(event.getHeaders().get("ce-type")).isEqualTo("azure.webpubsub.user.chat");
		assertThat(event.getHeaders().get("Content-Type")).startsWith("application/json");
		assertThat(event.getBody().utf8()).isEqualTo("{\"t\":\"yo\"}");

		client.send("{\"type\":\"event\",\"event\":\"chat\",\"dataType\":\"text\",\"data\":\"again\"}");
		client.nextJson();
		assertThat(eventNamed("chat").getHeaders().get("ce-connectionState")).as("state echoed").isEqualTo("eyJuIjoxfQ==");
	}

	@Test
	void failedEventAcksErrorAndStaysOpen() throws Exception {
		this.replies.put("broken", new MockResponse.Builder().code(500).build());
		TestSocket client = jsonClient(this.service, "alice");
		client.nextJson();

		client.send("{\"type\":\"event\",\"event\":\"broken\",\"data\":1,\"ackId\":7}");
		JsonNode ack = client.nextJson();
		client.send("{\"type\":\"ping\"}");

		assertThat(ack.path("success").asBoolean()).isFalse();
		assertThat(ack.path("error").path("name").stringValue()).isEqualTo("InternalServerError");
		assertThat(ack.path("error").path("message").stringValue())
			.isEqualTo("The event handler failed to process event 'broken'");
		assertThat(client.nextJson().toString()).isEqualTo("{\"type\":\"pong\"}");
	}

	@Test
	void rejectionTextReachesAck() throws Exception {
		this.replies.put("shout", new MockResponse.Builder().code(400)
			.addHeader("Content-Type", "text/plain; charset=utf-8")
			.body("Messages must not be empty")
			.build());
		TestSocket client = jsonClient(this.service, "alice");
		client.nextJson();

		client.send("{\"type\":\"event\",\"event\":\"shout\",\"dataType\":\"text\",\"data\":\"\",\"ackId\":3}");

		JsonNode ack = client.nextJson();
		assertThat(ack.path("error").path("name").stringValue()).isEqualTo("InternalServerError");
		assertThat(ack.path("error").path("message").stringValue()).isEqualTo("Messages must not be empty");
	}

	@Test
	void plainClientFramesBecomeMessageEvents() throws Exception {
		this.replies.put("message", new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "text/plain")
			.body("echo")
			.build());
		TestSocket client = TestSocket.open(this.http, this.service.getClientAccessToken(
				ClientAccessTokenOptions.defaults().userId("raw")).url(), null);
		client.next();

		client.send("hello");

		assertThat(client.next()).isEqualTo("echo");
		RecordedRequest event = eventNamed("message");
		assertThat(event.getHeaders().get("Content-Type")).startsWith("text/plain");
		assertThat(event.getBody().utf8()).isEqualTo("hello");
	}

	@Test
	void disconnectedCarriesCloseReason() throws Exception {
		TestSocket client = jsonClient(this.service, "alice");
		String connectionId = client.nextJson().path("connectionId").stringValue();

		this.service.closeConnection(connectionId, "bye");

		RecordedRequest disconnected = eventNamed("disconnected");
		assertThat(disconnected.getHeaders().get("ce-connectionId")).isEqualTo(connectionId);
		assertThat(disconnected.getBody().utf8()).isEqualTo("{\"reason\":\"bye\"}");
	}

	@Test
	void refusedHandshakeRejectsConnect() throws Exception {
		this.handler.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				UpstreamExchangeTests.this.events.add(request);
				return new MockResponse.Builder().code(404).build();
			}
		});

		TestSocket client = jsonClient(this.service, "alice");

		assertThat(client.next()).isInstanceOfSatisfying(TestSocket.Failed.class,
				(failed) -> assertThat(failed.status()).isEqualTo(500));
		assertThat(nextEvent().getMethod()).as("only the handshake was sent").isEqualTo("OPTIONS");
		assertThat(this.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void hangingHandlerDoesNotBlockOtherHubs() throws Exception {
		WebPubSubServiceClient slowService = this.service.forHub("slow");
		TestSocket slow = jsonClient(slowService, "alice");
		eventNamed("connect");

		TestSocket fast = jsonClient(this.service, "bob");
		JsonNode connected = fast.nextJson();

		assertThat(connected.path("userId").stringValue()).isEqualTo("bob");
		assertThat(slow.staysQuiet(200)).as("the slow hub's connect is still waiting").isTrue();
		this.slowHubRelease.countDown();
		assertThat(slow.nextJson().path("event").stringValue()).isEqualTo("connected");
	}

	private TestSocket jsonClient(WebPubSubServiceClient client, String userId) {
		return TestSocket.open(this.http, client.getClientAccessToken(ClientAccessTokenOptions.defaults()
			.userId(userId)).url(), JSON_PROTOCOL);
	}

	private RecordedRequest nextEvent() throws InterruptedException {
		RecordedRequest request = this.events.poll(5, TimeUnit.SECONDS);
		assertThat(request).as("an upstream event within 5 seconds").isNotNull();
		return request;
	}

	private RecordedRequest eventNamed(String eventName) throws InterruptedException {
		for (int i = 0; i < 10; i++) {
			RecordedRequest request = nextEvent();
			if (eventName.equals(request.getHeaders().get("ce-eventName"))) {
				return request;
			}
		}
		throw new AssertionError("No upstream event named " + eventName);
	}

	private static String sign(String connectionId) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(WebPubSubEmulator.DEFAULT_ACCESS_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(connectionId.getBytes(StandardCharsets.UTF_8)));
	}


}
