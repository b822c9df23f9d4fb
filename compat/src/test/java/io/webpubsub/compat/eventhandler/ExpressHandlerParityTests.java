package io.webpubsub.compat.eventhandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends the same Web PubSub requests to our Spring event handler and to Microsoft's Node.js handler
 * ({@code @azure/web-pubsub-express} 1.1.0 on Express, in {@code compat/express-handler}), whose listeners do the
 * same work, and compares status, media type, body and decoded {@code ce-connectionState}. Where the two differ on
 * purpose, the test asserts each side's response and gives the reason.
 */
@SpringBootTest(classes = ParityListenerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "webpubsub.connection-string=Endpoint=" + ParityListenerApplication.ENDPOINT + ";AccessKey="
				+ ParityListenerApplication.ACCESS_KEY + ";Version=1.0;", "webpubsub.hub=chat",
				"spring.main.banner-mode=off" })
class ExpressHandlerParityTests {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration LISTENER_TIMEOUT = Duration.ofSeconds(5);

	private static final String CONNECT_BODY = "{\"claims\":{\"sub\":[\"alice\"],\"role\":[]},"
			+ "\"query\":{\"lang\":[\"en\"]},"
			+ "\"headers\":{\"Host\":[\"localhost:8080\"]},\"subprotocols\":[\"json.webpubsub.azure.v1\"],"
			+ "\"clientCertificates\":[]}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static ExpressHandlerProcess express;

	private static OkHttpClient http;

	@LocalServerPort
	int port;

	@Autowired
	ListenerLog ourListenerLog;

	@BeforeAll
	static void startExpressHandler() throws Exception {
		http = new OkHttpClient.Builder().callTimeout(CALL_TIMEOUT).retryOnConnectionFailure(false).build();
		Path directory = Path.of(System.getProperty("express-handler.dir", "express-handler"));
		express = ExpressHandlerProcess.start(directory, START_TIMEOUT);
	}

	@AfterAll
	static void stopExpressHandler() throws Exception {
		try {
			if (express != null) {
				express.close();
			}
		}
		finally {
			if (http != null) {
				http.dispatcher().executorService().shutdown();
				http.connectionPool().evictAll();
			}
		}
	}

	@BeforeEach
	void clearListenerLogs() {
		this.ourListenerLog.clear();
		express.clearListenerLines();
	}

	@Test
	void handshakeAllowsServiceOrigin() throws IOException {
		Responses responses = send(ServiceEvent.handshake(ServiceEvent.REQUEST_ORIGIN));

		assertSameResponse(responses);
		assertThat(responses.ours().status()).as("status").isEqualTo(200);
		assertThat(responses.ours().body()).as("body").isEmpty();

		// Expected difference: ours echoes the request origin it allows, the value the service compares with its
		// own host. The Node.js handler returns the host of each allowedEndpoints URL, port included, whatever
		// the request names.
		assertThat(responses.ours().header("WebHook-Allowed-Origin")).as("WebHook-Allowed-Origin of ours")
			.isEqualTo("localhost");
		assertThat(responses.express().header("WebHook-Allowed-Origin")).as("WebHook-Allowed-Origin of Node.js")
			.isEqualTo("localhost:8080");
	}

	@Test
	void handshakeFromOtherOrigin() throws IOException {
		Responses responses = send(ServiceEvent.handshake("evil.example"));

		// Expected difference: ours rejects an origin other than the endpoint's host at once. The Node.js handler
		// responds with 200 and its allowed hosts, and leaves the rejection to the sender, which finds its own host
		// missing from them.
		assertThat(responses.ours().status()).as("status of ours").isEqualTo(400);
		assertThat(responses.ours().text()).as("body of ours").startsWith("Origin 'evil.example' is not allowed");
		assertThat(responses.ours().header("WebHook-Allowed-Origin")).as("WebHook-Allowed-Origin of ours").isNull();
		assertThat(responses.express().status()).as("status of Node.js").isEqualTo(200);
		assertThat(responses.express().header("WebHook-Allowed-Origin")).as("WebHook-Allowed-Origin of Node.js")
			.isEqualTo("localhost:8080");
	}

	@Test
	void connectAcceptedWithResponseAndState() throws IOException {
		Responses responses = send(ServiceEvent.system("connect", CONNECT_BODY));

		assertSameResponse(responses);
		assertThat(responses.ours().status()).as("status").isEqualTo(200);
		assertThat(responses.ours().mediaType()).as("media type").isEqualTo("application/json");
		assertThat(responses.ours().json()).as("body").isEqualTo(JSON.readTree("{\"userId\":\"alice\","
				+ "\"groups\":[\"lobby\"],\"roles\":[\"webpubsub.joinLeaveGroup.lobby\"],"
				+ "\"subprotocol\":\"json.webpubsub.azure.v1\"}"));
		assertThat(responses.ours().connectionState()).as("connection state").isEqualTo(Map.of("key", "a"));
	}

	@Test
	void connectWithoutSubprotocolOmitsIt() throws IOException {
		Responses responses = send(ServiceEvent.system("connect", "{\"claims\":{\"sub\":[\"alice\"]}}"));

		assertSameResponse(responses);
		assertThat(responses.ours().json().has("subprotocol")).as("body has a subprotocol").isFalse();
		assertThat(responses.ours().json().get("userId").stringValue()).as("userId").isEqualTo("alice");
	}

	@Test
	void connectWithoutUserIsRejected() throws IOException {
		Responses responses = send(ServiceEvent.system("connect", "{\"claims\":{}}"));

		assertSameStatusBodyAndState(responses);
		assertThat(responses.ours().status()).as("status").isEqualTo(401);
		assertThat(responses.ours().text()).as("body").isEqualTo("A user id is required");
		assertThat(responses.ours().connectionState()).as("connection state").isNull();

		// Expected difference: ours labels the message text/plain. The Node.js handler sends it with no
		// Content-Type, and the service takes the body as the message either way.
		assertThat(responses.ours().mediaType()).as("media type of ours").isEqualTo("text/plain");
		assertThat(responses.express().contentType()).as("Content-Type of Node.js").isNull();
	}

	@Test
	void connectedRunsListener() throws Exception {
		Responses responses = send(ServiceEvent.system("connected", "{}"));

		assertSameResponse(responses);
		assertThat(responses.ours().status()).as("status").isEqualTo(200);
		assertThat(responses.ours().body()).as("body").isEmpty();
		assertThat(responses.ours().connectionState()).as("connection state").isNull();
		assertThat(this.ourListenerLog.poll(LISTENER_TIMEOUT)).as("line of our listener")
			.isEqualTo("listener connected conn-1 alice");
		assertThat(express.pollListenerLine(LISTENER_TIMEOUT)).as("line of the Node.js listener")
			.isEqualTo("listener connected conn-1 alice");
	}

	@Test
	void disconnectedRunsListener() throws Exception {
		Responses responses = send(ServiceEvent.system("disconnected", "{\"reason\":\"Closed by REST API.\"}"));

		assertSameResponse(responses);
		assertThat(responses.ours().status()).as("status").isEqualTo(200);
		assertThat(responses.ours().body()).as("body").isEmpty();
		assertThat(this.ourListenerLog.poll(LISTENER_TIMEOUT)).as("line of our listener")
			.isEqualTo("listener disconnected conn-1 Closed by REST API.");
		assertThat(express.pollListenerLine(LISTENER_TIMEOUT)).as("line of the Node.js listener")
			.isEqualTo("listener disconnected conn-1 Closed by REST API.");
	}

	@Test
	void messageEchoesTextAndCountsState() throws IOException {
		Responses responses = send(ServiceEvent.userText("message", "hi")
			.connectionStateJson("{\"count\":1,\"key\":\"a\"}"));

		assertSameResponse(responses);
		assertThat(responses.ours().status()).as("status").isEqualTo(200);
		assertThat(responses.ours().mediaType()).as("media type").isEqualTo("text/plain");
		assertThat(responses.ours().text()).as("body").isEqualTo("echo: hi");
		assertThat(responses.ours().connectionState()).as("connection state")
			.isEqualTo(Map.of("count", 2, "key", "a", "last", "hi"));
	}

	@Test
	void stateRoundTripsAcrossHandlers() throws IOException {
		Responses connected = send(ServiceEvent.system("connect", CONNECT_BODY));
		String ourState = connected.ours().header("ce-connectionState");
		String expressState = connected.express().header("ce-connectionState");

		// Each handler reads the state the other one wrote, as when both serve one hub.
		HandlerResponse oursAfterExpress = call("ours", ourBaseUrl(),
				ServiceEvent.userText("message", "one").connectionState(expressState));
		HandlerResponse expressAfterOurs = call("Node.js", express.baseUrl(),
				ServiceEvent.userText("message", "one").connectionState(ourState));
		assertThat(oursAfterExpress.connectionState()).as("state of ours after the Node.js state")
			.isEqualTo(Map.of("key", "a", "count", 1, "last", "one"));
		assertThat(expressAfterOurs.connectionState()).as("state of Node.js after our state")
			.isEqualTo(oursAfterExpress.connectionState());

		Responses second = send(ServiceEvent.userText("message", "two")
			.connectionState(oursAfterExpress.header("ce-connectionState")));
		assertSameResponse(second);
		assertThat(second.ours().connectionState()).as("state after the second message")
			.isEqualTo(Map.of("key", "a", "count", 2, "last", "two"));
	}

	@Test
	void nonAsciiTextRoundTrips() throws IOException {
		String text = "héllo, 世界 👋";

		Responses responses = send(ServiceEvent.userText("message", text));

		assertSameResponse(responses);
		assertThat(responses.ours().text()).as("body").isEqualTo("echo: " + text);
		assertThat(responses.ours().connectionState()).as("connection state")
			.isEqualTo(Map.of("count", 1, "last", text));
	}

	@Test
	void jsonEventRepliesJson() throws IOException {
		Responses responses = send(ServiceEvent.user("greeting", "application/json",
				"{\"from\":\"alice\",\"tags\":[\"x\",\"y\"]}".getBytes(StandardCharsets.UTF_8)));

		assertSameResponse(responses);
		assertThat(responses.ours().status()).as("status").isEqualTo(200);
		assertThat(responses.ours().mediaType()).as("media type").isEqualTo("application/json");
		assertThat(responses.ours().json()).as("body").isEqualTo(JSON.readTree("{\"from\":\"alice\",\"tagCount\":2}"));
		assertThat(responses.ours().connectionState()).as("connection state").isNull();
	}

	@Test
	void binaryEventRepliesBytes() throws IOException {
		byte[] data = { 0, 1, 2, (byte) 0xfe, (byte) 0xff };

		Responses responses = send(ServiceEvent.user("bytes", "application/octet-stream", data));

		assertSameResponse(responses);
		assertThat(responses.ours().mediaType()).as("media type").isEqualTo("application/octet-stream");
		assertThat(responses.ours().body()).as("body").containsExactly(0xff, 0xfe, 2, 1, 0);
	}

	@Test
	void failingEventDropsStateChange() throws IOException {
		Responses responses = send(ServiceEvent.userText("reject", "").connectionStateJson("{\"count\":1}"));

		assertSameStatusBodyAndState(responses);
		assertThat(responses.ours().status()).as("status").isEqualTo(400);
		assertThat(responses.ours().text()).as("body").isEqualTo("Messages must not be empty");
		assertThat(responses.ours().connectionState()).as("connection state").isNull();

		// Expected difference: ours labels the message text/plain, but the Node.js handler sends no Content-Type.
		assertThat(responses.ours().mediaType()).as("media type of ours").isEqualTo("text/plain");
		assertThat(responses.express().contentType()).as("Content-Type of Node.js").isNull();
	}

	@Test
	void unhandledEventSendsNoReply() throws IOException {
		Responses responses = send(ServiceEvent.userText("nobody", "x"));

		assertThat(responses.ours().body()).as("body of ours").isEmpty();
		assertThat(responses.express().body()).as("body of Node.js").isEmpty();
		assertThat(responses.ours().connectionState()).as("connection state of ours").isNull();
		assertThat(responses.express().connectionState()).as("connection state of Node.js").isNull();

		// Expected difference: no listener in ours gives 204, the service's "success, no content". The Node.js
		// listener's success() without data gives 200 with an empty application/octet-stream body. The client
		// receives no message either way.
		assertThat(responses.ours().status()).as("status of ours").isEqualTo(204);
		assertThat(responses.ours().contentType()).as("Content-Type of ours").isNull();
		assertThat(responses.express().status()).as("status of Node.js").isEqualTo(200);
		assertThat(responses.express().mediaType()).as("media type of Node.js").isEqualTo("application/octet-stream");
	}

	@Test
	void crashingListenerReturnsServerError() throws IOException {
		Responses responses = send(ServiceEvent.userText("crash", "x"));

		assertThat(responses.ours().status()).as("status of ours").isEqualTo(500);
		assertThat(responses.express().status()).as("status of Node.js").isEqualTo(500);
		assertThat(responses.ours().text()).as("body of ours").doesNotContain("on purpose");
		assertThat(responses.express().text()).as("body of Node.js").doesNotContain("on purpose");
		assertThat(responses.ours().connectionState()).as("connection state of ours").isNull();
		assertThat(responses.express().connectionState()).as("connection state of Node.js").isNull();

		// Expected difference: ours returns a fixed text message. In the Node.js handler the error reaches
		// Express, whose final handler sends its HTML error page.
		assertThat(responses.ours().mediaType()).as("media type of ours").isEqualTo("text/plain");
		assertThat(responses.ours().text()).as("body of ours")
			.isEqualTo("The event handler failed to process the event");
		assertThat(responses.express().mediaType()).as("media type of Node.js").isEqualTo("text/html");
		assertThat(responses.express().text()).as("body of Node.js").contains("Internal Server Error");
	}

	@Test
	void hubMatchesIgnoringCase() throws IOException {
		Responses responses = send(ServiceEvent.userText("message", "hi").hub("CHAT"));

		assertSameResponse(responses);
		assertThat(responses.ours().status()).as("status").isEqualTo(200);
		assertThat(responses.ours().text()).as("body").isEqualTo("echo: hi");
	}

	@Test
	void wrongSignatureRejectedOnlyByOurs() throws IOException {
		String otherKeySignature = ServiceEvent.sign("conn-1", "some-other-key-0123456789abcdef0123");

		Responses responses = send(ServiceEvent.userText("message", "hi")
			.withHeader("ce-signature", otherKeySignature));

		// Expected difference: ours checks ce-signature, the HMAC-SHA256 of the connection id with the access key,
		// so a caller without the key cannot forge events. @azure/web-pubsub-express 1.1.0 checks no signature and
		// runs the listener.
		assertThat(responses.ours().status()).as("status of ours").isEqualTo(401);
		assertThat(responses.ours().text()).as("body of ours").isEqualTo("Missing or invalid header 'ce-signature'");
		assertThat(responses.express().status()).as("status of Node.js").isEqualTo(200);
		assertThat(responses.express().text()).as("body of Node.js").isEqualTo("echo: hi");
	}

	@Test
	void unknownHubRejectedOnlyByOurs() throws IOException {
		Responses responses = send(ServiceEvent.userText("message", "hi").hub("nope"));

		// Expected difference: ours serves every hub at one path and rejects a hub it has no listener for with 400.
		// The Node.js middleware serves one hub and passes other requests to the next Express middleware. With none
		// left, Express responds with 404.
		assertThat(responses.ours().status()).as("status of ours").isEqualTo(400);
		assertThat(responses.ours().text()).as("body of ours").startsWith("Hub 'nope' is not registered");
		assertThat(responses.express().status()).as("status of Node.js").isEqualTo(404);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void badRequestsRejectedDifferently(String description, ServiceEvent event, int ourStatus, int expressStatus)
			throws IOException {
		Responses responses = send(event);

		// Expected difference: ours checks headers and data before any listener runs and responds with 4xx and a
		// text message. The Node.js handler passes a request it does not recognise to the next Express middleware,
		// so Express responds with 404. Data that JSON.parse rejects throws, so Express responds with 500.
		assertThat(responses.ours().status()).as("status of ours; " + responses).isEqualTo(ourStatus);
		assertThat(responses.ours().mediaType()).as("media type of ours").isEqualTo("text/plain");
		assertThat(responses.ours().text()).as("body of ours").isNotEmpty();
		assertThat(responses.express().status()).as("status of Node.js; " + responses).isEqualTo(expressStatus);
		assertThat(responses.express().mediaType()).as("media type of Node.js").isEqualTo("text/html");
	}

	static Stream<Arguments> badRequests() {
		byte[] notJson = "{nope".getBytes(StandardCharsets.UTF_8);
		return Stream.of(
				Arguments.of("user event data that is not JSON",
						ServiceEvent.user("greeting", "application/json", notJson), 400, 500),
				Arguments.of("connect body that is not JSON", ServiceEvent.system("connect", "claims=alice"), 400, 500),
				Arguments.of("unsupported Content-Type", ServiceEvent.user("message", "text/html", notJson), 415, 404),
				Arguments.of("missing ce-awpsversion",
						ServiceEvent.userText("message", "hi").withoutHeader("ce-awpsversion"), 400, 404));
	}

	@Test
	void pathCaseMattersOnlyToOurs() throws IOException {
		Responses responses = send(ServiceEvent.userText("message", "hi").path("/EventHandler/message"));

		// Expected difference: Spring MVC matches paths case-sensitively, as RFC 3986 compares them, so ours
		// responds with 404. The Node.js middleware lower-cases both paths before it compares them.
		assertThat(responses.ours().status()).as("status of ours").isEqualTo(404);
		assertThat(responses.express().status()).as("status of Node.js").isEqualTo(200);
		assertThat(responses.express().text()).as("body of Node.js").isEqualTo("echo: hi");
	}

	private Responses send(ServiceEvent event) throws IOException {
		return new Responses(call("ours", ourBaseUrl(), event), call("Node.js", express.baseUrl(), event));
	}

	private static HandlerResponse call(String handler, HttpUrl baseUrl, ServiceEvent event) throws IOException {
		try (Response response = http.newCall(event.toRequest(baseUrl)).execute()) {
			return HandlerResponse.read(handler, response);
		}
	}

	private HttpUrl ourBaseUrl() {
		return new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(this.port).build();
	}

	/**
	 * Asserts equal status, media type, body and decoded connection state. The media type ignores parameters:
	 * the Node.js handler adds {@code charset=utf-8} to JSON and text where ours sends none for JSON, and both
	 * bodies are UTF-8 either way.
	 */
	private static void assertSameResponse(Responses responses) {
		assertThat(responses.ours().mediaType()).as("media type; " + responses)
			.isEqualTo(responses.express().mediaType());
		assertSameStatusBodyAndState(responses);
	}

	/**
	 * Asserts equal status, body and decoded connection state. JSON bodies are compared as JSON trees, so key order
	 * and whitespace do not count. Binary bodies are compared as bytes, and any other body as UTF-8 text.
	 */
	private static void assertSameStatusBodyAndState(Responses responses) {
		HandlerResponse ours = responses.ours();
		HandlerResponse theirs = responses.express();
		assertThat(ours.status()).as("status; " + responses).isEqualTo(theirs.status());
		if ("application/json".equals(ours.mediaType()) && "application/json".equals(theirs.mediaType())) {
			assertThat(ours.json()).as("JSON body; " + responses).isEqualTo(theirs.json());
		}
		else if (!"application/octet-stream".equals(ours.mediaType())) {
			assertThat(ours.text()).as("text body; " + responses).isEqualTo(theirs.text());
		}
		else {
			assertThat(ours.body()).as("body; " + responses).isEqualTo(theirs.body());
		}
		assertThat(ours.connectionState()).as("decoded ce-connectionState; " + responses)
			.isEqualTo(theirs.connectionState());
	}

	/**
	 * The responses of both handlers to one request.
	 *
	 * @param ours the response of the Spring event handler
	 * @param express the response of the Node.js handler
	 */
	private record Responses(HandlerResponse ours, HandlerResponse express) {

		@Override
		public String toString() {
			return this.ours + " | " + this.express;
		}

	}

}
