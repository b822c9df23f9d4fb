package io.webpubsub.spring.eventhandler;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.webpubsub.spring.eventhandler.testapp.EventHandlerTestApplication;
import io.webpubsub.spring.eventhandler.testapp.PayloadListeners.Greeting;
import io.webpubsub.spring.eventhandler.testapp.ReceivedEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static io.webpubsub.spring.eventhandler.EventRequests.event;
import static io.webpubsub.spring.eventhandler.EventRequests.handshake;
import static io.webpubsub.spring.eventhandler.EventRequests.systemEvent;
import static io.webpubsub.spring.eventhandler.EventRequests.userEvent;
import static io.webpubsub.spring.eventhandler.EventRequests.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every event type, parameter and return type, the handshake, signatures, connection state and every bad request,
 * through Spring MVC.
 */
@SpringBootTest(classes = EventHandlerTestApplication.class,
		properties = { "webpubsub.connection-string=Endpoint=http://localhost:8080;AccessKey="
				+ EventHandlerTestApplication.ACCESS_KEY + ";Version=1.0;", "webpubsub.hub=chat",
				"webpubsub.event-handler.additional-keys=secondary-key-0123456789abcdef0123",
				"webpubsub.event-handler.max-body-size=64KB" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class EventHandlerMockMvcTests {

	private static final String CONNECT_BODY = "{\"claims\":{\"sub\":[\"alice\"],\"role\":[\"webpubsub.sendToGroup.lobby\"]},"
			+ "\"query\":{\"lang\":[\"en\"]},\"headers\":{\"Host\":[\"localhost:8080\"]},"
			+ "\"subprotocols\":[\"json.webpubsub.azure.v1\"],"
			+ "\"clientCertificates\":[{\"thumbprint\":\"ab12\",\"content\":\"-----BEGIN CERTIFICATE-----\"}]}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	ReceivedEvents received;

	@BeforeEach
	void clearReceivedEvents() {
		this.received.clear();
	}

	@Test
	void handshakeAllowsEndpointHost() throws Exception {
		this.mvc.perform(handshake("localhost"))
			.andExpect(status().isOk())
			.andExpect(header().string("WebHook-Allowed-Origin", "localhost"))
			.andExpect(header().string("Allow", "POST, OPTIONS"));
	}

	@Test
	void handshakeAcceptsListOfOrigins() throws Exception {
		this.mvc.perform(handshake("other.example, LOCALHOST"))
			.andExpect(status().isOk())
			.andExpect(header().string("WebHook-Allowed-Origin", "LOCALHOST"));
	}

	@Test
	void handshakeWithoutOriginIsRejected() throws Exception {
		this.mvc.perform(handshake("").header("WebHook-Request-Origin", ""))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Missing header 'WebHook-Request-Origin'")));
	}

	@Test
	void handshakeFromOtherOriginIsRejected() throws Exception {
		this.mvc.perform(handshake("evil.example"))
			.andExpect(status().isBadRequest())
			.andExpect(header().doesNotExist("WebHook-Allowed-Origin"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Origin 'evil.example' is not allowed")));
	}

	@Test
	void connectReturnsResponseAndState() throws Exception {
		this.mvc.perform(systemEvent("connect", "conn-1").content(CONNECT_BODY))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(content().json("{\"userId\":\"alice\",\"groups\":[\"lobby\"],"
					+ "\"roles\":[\"webpubsub.joinLeaveGroup.lobby\"],\"subprotocol\":\"json.webpubsub.azure.v1\"}", true))
			.andExpect(header().string("ce-connectionState", "eyJrZXkiOiJhIn0="));

		ConnectEvent event = (ConnectEvent) this.received.all().get(0);
		assertThat(event.claims()).containsEntry("role", java.util.List.of("webpubsub.sendToGroup.lobby"));
		assertThat(event.query()).containsEntry("lang", java.util.List.of("en"));
		assertThat(event.headers()).containsEntry("Host", java.util.List.of("localhost:8080"));
		assertThat(event.subprotocols()).containsExactly("json.webpubsub.azure.v1");
		assertThat(event.clientCertificates()).containsExactly(
				new ConnectEvent.ClientCertificate("ab12", "-----BEGIN CERTIFICATE-----"));
		assertThat(event.context().getConnectionId()).isEqualTo("conn-1");
		assertThat(event.context().getEventName()).isEqualTo("connect");
		assertThat(event.context().getOrigin()).isEqualTo("localhost");
	}

	@Test
	void connectWithoutUserIsUnauthorized() throws Exception {
		this.mvc.perform(systemEvent("connect", "conn-1").content("{\"claims\":{}}"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().string("A user id is required"))
			.andExpect(header().doesNotExist("ce-connectionState"));
	}

	@Test
	void connectOfBannedUserIsForbidden() throws Exception {
		this.mvc.perform(systemEvent("connect", "conn-1").content("{\"claims\":{\"sub\":\"mallory\"},"
				+ "\"query\":{\"banned\":[\"1\"]}}"))
			.andExpect(status().isForbidden())
			.andExpect(content().string("User mallory is banned"));
	}

	@Test
	void connectBodyThatIsNotJsonIsRejected() throws Exception {
		this.mvc.perform(systemEvent("connect", "conn-1").content("claims=alice"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.startsWith("The body of the 'connect' event is not valid JSON")));

		assertThat(this.received.all()).isEmpty();
	}

	@Test
	void connectBodyOfWrongShapeIsRejected() throws Exception {
		this.mvc.perform(systemEvent("connect", "conn-1").content("{\"claims\":[\"alice\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string("Field 'claims' of the connect event must be a JSON object"));

		assertThat(this.received.all()).isEmpty();
	}

	@Test
	void connectedAnswersOkWithoutState() throws Exception {
		this.mvc.perform(systemEvent("connected", "conn-1").content("{}"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("ce-connectionState"));

		ConnectedEvent event = (ConnectedEvent) this.received.all().get(0);
		assertThat(event.context().getUserId()).isEqualTo("alice");
	}

	@Test
	void disconnectedReceivesReason() throws Exception {
		this.mvc.perform(systemEvent("disconnected", "conn-1").content("{\"reason\":\"Closed by REST API.\"}"))
			.andExpect(status().isOk());

		assertThat(((DisconnectedEvent) this.received.all().get(0)).reason()).isEqualTo("Closed by REST API.");
	}

	@Test
	void groupEventsReceiveGroup() throws Exception {
		this.mvc.perform(systemEvent("joined", "conn-1").content("{\"group\":\"lobby\"}")).andExpect(status().isOk());
		this.mvc.perform(systemEvent("left", "conn-1").content("{\"group\":\"lobby\"}")).andExpect(status().isOk());

		assertThat(this.received.all()).extracting((event) -> ((GroupEvent) event).group())
			.containsExactly("lobby", "lobby");
		assertThat(((GroupEvent) this.received.all().get(1)).context().getEventName()).isEqualTo("left");
	}

	@Test
	void messageRepliesTextAndUpdatesState() throws Exception {
		MvcResult result = this.mvc
			.perform(userEvent("message", "conn-1", MediaType.TEXT_PLAIN).content("hi")
				.header("ce-connectionState", encodeState("{\"count\":1,\"key\":\"a\"}")))
			.andExpect(status().isOk())
			.andExpect(content().contentType("text/plain;charset=UTF-8"))
			.andExpect(content().string("echo: hi"))
			.andReturn();

		assertThat(decodeState(result)).isEqualTo(Map.of("count", 2, "key", "a"));
	}

	@Test
	void urlSafeStateIsRead() throws Exception {
		String urlSafe = Base64.getUrlEncoder().encodeToString("{\"count\":1,\"k\":\"??>\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(urlSafe).as("state that needs the URL-safe alphabet").containsAnyOf("-", "_");

		MvcResult result = this.mvc
			.perform(userEvent("message", "conn-1", MediaType.TEXT_PLAIN).content("hi").header("ce-connectionState",
					urlSafe))
			.andExpect(status().isOk())
			.andReturn();

		assertThat(decodeState(result)).isEqualTo(Map.of("count", 2, "k", "??>"));
	}

	@Test
	void bytesReplyBinary() throws Exception {
		this.mvc.perform(userEvent("bytes", "conn-1", MediaType.APPLICATION_OCTET_STREAM).content(new byte[] { 1, 2, 3 }))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_OCTET_STREAM))
			.andExpect(content().bytes(new byte[] { 3, 2, 1 }));
	}

	@Test
	void jsonTreeRepliesJsonWithState() throws Exception {
		MvcResult result = this.mvc
			.perform(userEvent("tree", "conn-1", MediaType.APPLICATION_JSON).content("{\"a\":1,\"b\":2}"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(content().json("{\"fields\":2}", true))
			.andReturn();

		assertThat(decodeState(result)).isEqualTo(Map.of("room", "lobby"));
	}

	@Test
	void boundObjectRepliesJson() throws Exception {
		this.mvc.perform(userEvent("greeting", "conn-1", MediaType.APPLICATION_JSON)
				.content("{\"from\":\"alice\",\"tags\":[\"x\"]}"))
			.andExpect(status().isOk())
			.andExpect(content().json(JSON.writeValueAsString(new Greeting("alice via JSON", java.util.List.of("x"))),
					true));
	}

	@Test
	void unbindableDataIsRejected() throws Exception {
		this.mvc.perform(userEvent("greeting", "conn-1", MediaType.APPLICATION_JSON).content("[1,2]"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.startsWith("Event data cannot be read as")));
	}

	@Test
	void futureIsAwaited() throws Exception {
		this.mvc.perform(userEvent("async", "conn-1", MediaType.TEXT_PLAIN).content("loud"))
			.andExpect(status().isOk())
			.andExpect(content().string("LOUD"));
	}

	@Test
	void voidListenerAnswersNoContent() throws Exception {
		this.mvc.perform(userEvent("silent", "conn-1", MediaType.TEXT_PLAIN).content("psst"))
			.andExpect(status().isNoContent())
			.andExpect(content().string(""));

		UserEvent event = (UserEvent) this.received.all().get(0);
		assertThat(event.text()).isEqualTo("psst");
		assertThat(event.dataType()).isEqualTo(WebPubSubDataType.TEXT);
	}

	@Test
	void emptyReplyClearsState() throws Exception {
		MvcResult result = this.mvc
			.perform(userEvent("empty", "conn-1", MediaType.TEXT_PLAIN).content("x")
				.header("ce-connectionState", encodeState("{\"key\":\"a\"}")))
			.andExpect(status().isNoContent())
			.andReturn();

		assertThat(decodeState(result)).isEmpty();
	}

	@Test
	void failingListenerAnswersGenericError(CapturedOutput output) throws Exception {
		this.mvc.perform(userEvent("fail", "conn-9", MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().string("The event handler failed to process the event"));

		assertThat(output).contains("failed on event 'fail' of hub 'chat' from connection conn-9");
	}

	@Test
	void listenerRejectionSetsStatus() throws Exception {
		this.mvc.perform(userEvent("refuse", "conn-1", MediaType.TEXT_PLAIN).content(""))
			.andExpect(status().isBadRequest())
			.andExpect(content().string("Messages must not be empty"));
	}

	@Test
	void failedFutureRejectionSetsStatus() throws Exception {
		this.mvc.perform(userEvent("asyncFail", "conn-1", MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isForbidden())
			.andExpect(content().string("Not allowed"));
	}

	@Test
	void composedAnnotationRegistersListener() throws Exception {
		this.mvc.perform(userEvent("composed", "conn-1", MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isOk())
			.andExpect(content().string("composed: x"));
	}

	@Test
	void proxiedBeanRegistersListener() throws Exception {
		this.mvc.perform(userEvent("proxied", "conn-1", MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isOk())
			.andExpect(content().string("proxied: x"));

		assertThat(this.received.all()).containsExactly("proxied x");
	}

	@Test
	void hubFromPlaceholderMatchesIgnoringCase() throws Exception {
		this.mvc.perform(event("azure.webpubsub.user.message", "message", "OTHER", "conn-1")
				.contentType(MediaType.TEXT_PLAIN)
				.content("x"))
			.andExpect(status().isOk())
			.andExpect(content().string("OTHER: x"));
	}

	@Test
	void unhandledEventsGetDefaultAnswers(CapturedOutput output) throws Exception {
		this.mvc.perform(event("azure.webpubsub.sys.connect", "connect", "Other", "conn-1").content("{}"))
			.andExpect(status().isNoContent());
		this.mvc.perform(event("azure.webpubsub.sys.connected", "connected", "Other", "conn-1").content("{}"))
			.andExpect(status().isOk());
		this.mvc.perform(event("azure.webpubsub.sys.disconnected", "disconnected", "Other", "conn-1").content("{}"))
			.andExpect(status().isOk());
		this.mvc.perform(userEvent("nobody", "conn-1", MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isNoContent());
		this.mvc.perform(userEvent("nobody", "conn-1", MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isNoContent());

		String warning = "No @WebPubSubEventListener handles user event 'nobody' of hub 'chat'";
		assertThat(output.getAll().split(java.util.regex.Pattern.quote(warning), -1)).as("one warning").hasSize(2);
	}

	@Test
	void secondaryKeySignatureIsAccepted() throws Exception {
		String secondary = new io.webpubsub.spring.eventhandler.support.SignatureVerifier(
				java.util.List.of("secondary-key-0123456789abcdef0123"))
			.sign("conn-1");

		this.mvc.perform(userEvent("message", "conn-1", MediaType.TEXT_PLAIN, Map.of("ce-signature", secondary))
				.content("hi"))
			.andExpect(status().isOk());
	}

	// Bad requests: each gets a 4xx response without reaching a listener.

	@Test
	void missingVersionHeaderIsRejected() throws Exception {
		this.mvc.perform(userEvent("message", "conn-1", MediaType.TEXT_PLAIN, without("ce-awpsversion")).content("hi"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("'ce-awpsversion'")));

		assertThat(this.received.all()).isEmpty();
	}

	@Test
	void foreignEventTypeIsRejected() throws Exception {
		this.mvc.perform(event("com.example.order.created", "message", "chat", "conn-1")
				.contentType(MediaType.TEXT_PLAIN)
				.content("hi"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("'ce-type' value 'com.example.order.created'")));

		assertThat(this.received.all()).isEmpty();
	}

	@Test
	void unknownHubIsRejected() throws Exception {
		this.mvc.perform(event("azure.webpubsub.user.message", "message", "nope", "conn-1")
				.contentType(MediaType.TEXT_PLAIN)
				.content("hi"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Hub 'nope' is not registered")));

		assertThat(this.received.all()).isEmpty();
	}

	@Test
	void missingSignatureIsUnauthorized() throws Exception {
		this.mvc.perform(userEvent("message", "conn-1", MediaType.TEXT_PLAIN, without("ce-signature")).content("hi"))
			.andExpect(status().isUnauthorized());

		assertThat(this.received.all()).isEmpty();
	}

	@Test
	void malformedSignatureIsUnauthorized() throws Exception {
		this.mvc.perform(userEvent("message", "conn-1", MediaType.TEXT_PLAIN, Map.of("ce-signature", "md5=abc"))
				.content("hi"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().string("Missing or invalid header 'ce-signature'"));

		assertThat(this.received.all()).isEmpty();
	}

	@Test
	void signatureOfAnotherKeyIsUnauthorized() throws Exception {
		String foreign = new io.webpubsub.spring.eventhandler.support.SignatureVerifier(
				java.util.List.of("some-other-key-0123456789abcdef0123")).sign("conn-1");

		this.mvc.perform(userEvent("message", "conn-1", MediaType.TEXT_PLAIN, Map.of("ce-signature", foreign))
				.content("hi"))
			.andExpect(status().isUnauthorized());

		assertThat(this.received.all()).isEmpty();
	}

	@Test
	void signatureOfAnotherConnectionIsUnauthorized() throws Exception {
		this.mvc.perform(userEvent("message", "conn-1", MediaType.TEXT_PLAIN,
				Map.of("ce-signature", EventRequests.SIGNER.sign("conn-2")))
			.content("hi"))
			.andExpect(status().isUnauthorized());

		assertThat(this.received.all()).isEmpty();
	}

	@Test
	void missingContentTypeIsRejected() throws Exception {
		this.mvc.perform(event("azure.webpubsub.user.message", "message", "chat", "conn-1").content("hi"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().string(org.hamcrest.Matchers.startsWith("Missing header 'Content-Type'")));

		assertThat(this.received.all()).isEmpty();
	}

	@Test
	void unknownSystemEventIsRejected() throws Exception {
		this.mvc.perform(event("azure.webpubsub.sys.foo", "foo", "chat", "conn-1").content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("connect, connected, disconnected, joined or left")));
	}

	@Test
	void repeatedSignatureFailuresWarnOnce(CapturedOutput output) throws Exception {
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(userEvent("message", "conn-" + i, MediaType.TEXT_PLAIN, Map.of("ce-signature", "sha256=00"))
					.content("hi"))
				.andExpect(status().isUnauthorized());
		}

		String warning = "Rejected a Web PubSub event with a missing or invalid ce-signature";
		assertThat(output.getAll().split(java.util.regex.Pattern.quote(warning), -1)).as("at most one warning")
			.hasSizeLessThanOrEqualTo(2);
	}

	@Test
	void unsupportedContentTypeIsRejected() throws Exception {
		this.mvc.perform(userEvent("message", "conn-1", MediaType.TEXT_HTML).content("<b>hi</b>"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("text/plain, application/json or application/octet-stream")));

		assertThat(this.received.all()).isEmpty();
	}

	@Test
	void bodyOverLimitIsRejected() throws Exception {
		this.mvc.perform(userEvent("message", "conn-1", MediaType.TEXT_PLAIN).content("x".repeat(64 * 1024 + 1)))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("webpubsub.event-handler.max-body-size")));

		assertThat(this.received.all()).isEmpty();
	}

	@Test
	void invalidStateIsTreatedAsEmpty(CapturedOutput output) throws Exception {
		MvcResult result = this.mvc
			.perform(userEvent("message", "conn-7", MediaType.TEXT_PLAIN).content("hi")
				.header("ce-connectionState", "not base64 at all"))
			.andExpect(status().isOk())
			.andReturn();

		assertThat(decodeState(result)).isEqualTo(Map.of("count", 1));
		assertThat(output).contains("Ignored header 'ce-connectionState' of connection conn-7 of hub chat");
	}

	@Test
	void otherMethodsAreNotAllowed() throws Exception {
		this.mvc.perform(get("/eventhandler"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(header().string("Allow", "POST, OPTIONS"));
	}

	private static String encodeState(String json) {
		return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> decodeState(MvcResult result) {
		String header = result.getResponse().getHeader("ce-connectionState");
		assertThat(header).as("ce-connectionState response header").isNotNull();
		return JSON.readValue(Base64.getDecoder().decode(header), Map.class);
	}

}
