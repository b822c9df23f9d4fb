package io.webpubsub.compat.npmsdk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import io.webpubsub.emulator.WebPubSubEmulator;
import io.webpubsub.emulator.hub.Hub;
import io.webpubsub.emulator.hub.HubConnection;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code WebPubSubClient} from Microsoft's npm package {@code @azure/web-pubsub-client} 1.1.0 against the
 * emulator, through {@code compat/npm-sdk/sdk-driver.js}: it connects with a URL that {@code getClientAccessToken}
 * of {@code @azure/web-pubsub} signed with the emulator's key, joins a group, sends to it, receives REST messages
 * and, with its default reliable subprotocol, recovers after its TCP connection is cut without losing a message.
 * <p>
 * The recovery tests connect the client through the driver's TCP proxy and cut it there while the REST side keeps
 * sending numbered messages. The client's socket ends at once without a close frame. The emulator's socket loses what
 * it writes for a while before it closes, and the proxy rejects reconnections for a while. So some messages are lost
 * in transit and others are sent while the client is away. {@code CutProxy} in {@code sdk-driver.js} describes the
 * cut.
 */
class NpmWebPubSubClientTests {

	private static final String JSON_SUBPROTOCOL = "json.webpubsub.azure.v1";

	private static final String RELIABLE_SUBPROTOCOL = "json.reliable.webpubsub.azure.v1";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration WAIT = Duration.ofSeconds(5);

	/**
	 * Maximum wait for every numbered message after the cut. WebPubSubClient 1.1.0 retries recovery for 30 seconds,
	 * once a second, before it gives up.
	 */
	private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(35);

	/** Maximum wait for late messages after the client reported a disconnect, which means recovery failed. */
	private static final Duration WAIT_AFTER_DISCONNECT = Duration.ofSeconds(3);

	private static final int NUMBERED_MESSAGES = 60;

	/** The connection is cut before the REST side sends this message, so later ones go out while it recovers. */
	private static final int CUT_BEFORE = 11;

	/**
	 * Pause after each numbered message. The 50 messages after the cut span at least 1.5 seconds, more than the
	 * rejection window below plus the client's one-second wait between recovery attempts, so some are sent after the
	 * client recovered.
	 */
	private static final Duration SEND_INTERVAL = Duration.ofMillis(30);

	/** How long the proxy rejects new connections after a cut, which fails the client's first recovery attempt. */
	private static final int REJECT_MS = 800;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static WebPubSubEmulator emulator;

	private static SdkDriverProcess sdk;

	/** The connection string of the emulator with the proxy's port, which signs client URLs that lead through it. */
	private static String proxyConnectionString;

	private static int testCount;

	private String hub;

	private String client;

	@BeforeAll
	static void startEmulatorAndDriver() throws Exception {
		emulator = WebPubSubEmulator.start(0, WebPubSubEmulator.DEFAULT_ACCESS_KEY);
		Path directory = Path.of(System.getProperty("npm-sdk.dir", "npm-sdk"));
		sdk = SdkDriverProcess.start(directory, emulator.connectionString(), START_TIMEOUT, CALL_TIMEOUT);
		int proxyPort = sdk.proxy("start", emulator.port()).result().path("port").asInt();
		proxyConnectionString = emulator.connectionString()
			.replace(";Port=" + emulator.port() + ";", ";Port=" + proxyPort + ";");
		if (proxyConnectionString.equals(emulator.connectionString())) {
			throw new IllegalStateException("The emulator's connection string has no ';Port=" + emulator.port()
					+ ";' to replace with the proxy's port: " + emulator.connectionString());
		}
	}

	@AfterAll
	static void stopEmulatorAndDriver() throws Exception {
		try {
			if (sdk != null) {
				sdk.close();
			}
		}
		finally {
			if (emulator != null) {
				emulator.close();
			}
		}
	}

	/** Gives each test a hub and a client of its own, named after the test method and numbered. */
	@BeforeEach
	void nameHubAndClient(TestInfo test) {
		this.hub = test.getTestMethod().orElseThrow().getName() + (++testCount);
		this.client = this.hub;
	}

	@AfterEach
	void stopClient() {
		// The reply is ignored because a test that failed early may not have created the client.
		sdk.client(this.client, "stop");
	}

	@Test
	void jsonProtocolClient() throws Exception {
		String connectionId = startAndChat(emulator.connectionString(), "json", JSON_SUBPROTOCOL);

		sdk.client(this.client, "stop").result();
		awaitEmulator(() -> emulatorHub().connection(connectionId) == null,
				"connection " + connectionId + " removed from the emulator after stop");
	}

	/**
	 * Cuts the reliable client's connection and checks that every numbered message arrives once and in order.
	 * @param discardMs how long the emulator's side of the cut connection stays open, losing what it writes
	 */
	@ParameterizedTest(name = "emulator socket open {0} ms after the cut")
	@ValueSource(ints = { 0, 300, 3000 })
	void reliableClientRecovers(int discardMs) throws Exception {
		// No protocol option: json.reliable.webpubsub.azure.v1 is the package's default.
		String connectionId = startAndChat(proxyConnectionString, null, RELIABLE_SUBPROTOCOL);

		for (int i = 1; i <= NUMBERED_MESSAGES; i++) {
			if (i == CUT_BEFORE) {
				JsonNode cut = sdk.proxy("cut", Map.of("discardMs", discardMs, "rejectMs", REJECT_MS)).result();
				assertThat(cut.path("cutConnections").asInt()).as("connections the proxy cut").isEqualTo(1);
			}
			sdk.service(this.hub, "sendToAll", Map.of("seq", i)).result();
			Thread.sleep(SEND_INTERVAL.toMillis());
		}

		List<Integer> received = new ArrayList<>();
		List<JsonNode> otherEvents = new ArrayList<>();
		long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
		while (received.size() < NUMBERED_MESSAGES && System.nanoTime() < deadline) {
			JsonNode event = sdk.pollEvent(this.client, Duration.ofNanos(deadline - System.nanoTime()));
			if (event == null) {
				break;
			}
			if (event.path("event").asString().equals("server-message")) {
				received.add(event.path("data").path("message").path("data").path("seq").asInt());
				continue;
			}
			otherEvents.add(event);
			if (event.path("event").asString().equals("disconnected")) {
				deadline = Math.min(deadline, System.nanoTime() + WAIT_AFTER_DISCONNECT.toNanos());
			}
		}

		List<Integer> expected = IntStream.rangeClosed(1, NUMBERED_MESSAGES).boxed().toList();
		assertThat(received).as("numbered messages received, each once and in order, after the connection was cut "
				+ "before message %d. Other client events: %s. Driver stderr: %s", CUT_BEFORE, otherEvents,
				sdk.errorOutput())
			.containsExactlyElementsOf(expected);
		assertThat(otherEvents).as("client events other than server messages: a disconnected or second connected "
				+ "event means the client did not recover its connection").isEmpty();
		assertThat(emulatorHub().connection(connectionId)).as("recovered connection %s in the emulator",
				connectionId)
			.isNotNull();
	}

	/**
	 * Starts a client, then joins lobby, sends "hi" to it and receives a REST sendToAll, checking the client's events
	 * and the emulator's state after each step.
	 * @param connectionString the connection string whose endpoint the client connects to: the emulator's or the
	 * proxy's
	 * @param protocol the driver's protocol option, {@code json} or {@code reliable}, or {@code null} for the default
	 * @return the connection id
	 */
	private String startAndChat(String connectionString, @Nullable String protocol, String expectedSubprotocol)
			throws Exception {
		JsonNode token = sdk.serviceWith(connectionString, this.hub, "getClientAccessToken", Map.of("userId", "carol",
				"roles", List.of("webpubsub.joinLeaveGroup.lobby", "webpubsub.sendToGroup.lobby"))).result();
		Map<String, String> options = (protocol != null) ? Map.of("protocol", protocol) : Map.of();
		sdk.client(this.client, "create", token.path("url").asString(), options).result();
		sdk.client(this.client, "start").result();

		JsonNode connected = nextEvent("connected");
		String connectionId = connected.path("data").path("connectionId").asString();
		assertThat(connected.path("data").path("userId").asString()).as("userId of the connected event")
			.isEqualTo("carol");
		HubConnection connection = emulatorHub().connection(connectionId);
		assertThat(connection).as("connection %s in the emulator", connectionId).isNotNull();
		assertThat(connection.userId()).as("userId in the emulator").isEqualTo("carol");
		assertThat(connection.protocol()).as("subprotocol in the emulator").isEqualTo(expectedSubprotocol);

		JsonNode joined = sdk.client(this.client, "joinGroup", "lobby").result();
		assertThat(joined.path("isDuplicated").asBoolean()).as("isDuplicated of joinGroup").isFalse();
		assertThat(connection.groups()).as("groups in the emulator after joinGroup").containsExactly("lobby");

		sdk.client(this.client, "sendToGroup", "lobby", "hi", "text").result();
		JsonNode groupMessage = nextEvent("group-message").path("data").path("message");
		assertThat(groupMessage.path("group").asString()).as("group of %s", groupMessage).isEqualTo("lobby");
		assertThat(groupMessage.path("fromUserId").asString()).as("fromUserId of %s", groupMessage)
			.isEqualTo("carol");
		assertThat(groupMessage.path("dataType").asString()).as("dataType of %s", groupMessage).isEqualTo("text");
		assertThat(groupMessage.path("data").asString()).as("data of %s", groupMessage).isEqualTo("hi");

		sdk.service(this.hub, "sendToAll", Map.of("greeting", "hello")).result();
		JsonNode serverMessage = nextEvent("server-message").path("data").path("message");
		assertThat(serverMessage.path("dataType").asString()).as("dataType of %s", serverMessage).isEqualTo("json");
		assertThat(serverMessage.path("data")).as("data of %s", serverMessage)
			.isEqualTo(JSON.readTree("{\"greeting\":\"hello\"}"));
		return connectionId;
	}

	/** Returns the client's next event, which must have the name. */
	private JsonNode nextEvent(String name) throws InterruptedException {
		JsonNode event = sdk.nextEvent(this.client, WAIT);
		assertThat(event.path("event").asString()).as("next event of the client: %s. Driver stderr: %s", event,
				sdk.errorOutput())
			.isEqualTo(name);
		return event;
	}

	private Hub emulatorHub() {
		return emulator.state().hub(this.hub);
	}

	private static void awaitEmulator(BooleanSupplier condition, String description) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out after " + WAIT + " waiting for " + description);
			}
			Thread.sleep(20);
		}
	}

}
