package io.webpubsub.spring.client;

import java.time.Duration;
import java.util.List;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.webpubsub.spring.client.SignedRequests.ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Bad arguments fail with a message naming the parameter and the rule, before any request is sent.
 */
class ArgumentValidationTests {

	@StartStop
	final MockWebServer server = new MockWebServer();

	private WebPubSubServiceClient client;

	@BeforeEach
	void createClient() {
		this.client = WebPubSubServiceClient.builder()
			.endpoint(this.server.url("/").toString(), ACCESS_KEY)
			.hub("chat")
			.build();
	}

	@AfterEach
	void noRequestWasSent() {
		assertThat(this.server.getRequestCount()).isZero();
		this.client.close();
	}

	@Test
	void nullHubIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.forHub(null))
			.withMessage("'hub' must not be null");
	}

	@Test
	void blankHubIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.forHub("  "))
			.withMessage("'hub' must not be blank");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1chat", "chat-room", "chat room", "_chat", "chät" })
	void hubOutsidePatternIsRejected(String hub) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.forHub(hub))
			.withMessageContaining("'hub' value '" + hub + "' is invalid")
			.withMessageContaining("starts with a letter");
	}

	@Test
	void hubOf129CharactersIsRejected() {
		String hub = "h" + "a".repeat(128);

		assertThatIllegalArgumentException().isThrownBy(() -> this.client.forHub(hub))
			.withMessageContaining("at most 128");
	}

	@Test
	void hubWithAllowedPunctuationIsAccepted() {
		String hub = "h" + "a".repeat(120) + "_`,.[]";

		assertThat(this.client.forHub(hub).getHub()).isEqualTo(hub);
	}

	@Test
	void blankGroupIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.sendToGroup(" ", WebPubSubMessage.text("hi")))
			.withMessage("'group' must not be blank");
	}

	@Test
	void nullGroupIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.addConnectionToGroup(null, "c1"))
			.withMessage("'group' must not be null");
	}

	@Test
	void groupOver1024CharactersIsRejected() {
		String group = "g".repeat(1025);

		assertThatIllegalArgumentException().isThrownBy(() -> this.client.groupExists(group))
			.withMessageContaining("'group' is 1025 characters long, over the maximum of 1024");
	}

	@Test
	void groupOf1024CharactersIsAcceptedByOptions() {
		String group = "g".repeat(1024);

		assertThat(ClientAccessTokenOptions.defaults().groups(group).getGroups()).containsExactly(group);
	}

	@Test
	void blankUserIdIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.sendToUser("", WebPubSubMessage.text("hi")))
			.withMessage("'userId' must not be blank");
	}

	@Test
	void nullUserIdIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.userExists(null))
			.withMessage("'userId' must not be null");
	}

	@Test
	void blankConnectionIdIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.closeConnection("\t"))
			.withMessage("'connectionId' must not be blank");
	}

	@Test
	void nullConnectionIdIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.grantPermission(WebPubSubPermission.SEND_TO_GROUP, null))
			.withMessage("'connectionId' must not be null");
	}

	@Test
	void dotDotUserIdIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.sendToUser("..", WebPubSubMessage.text("hi")))
			.withMessageContaining("'userId' value '..' cannot be used in a URL path");
	}

	@Test
	void dotGroupIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.addUserToGroup(".", "alice"))
			.withMessageContaining("'group' value '.' cannot be used in a URL path");
	}

	@Test
	void messageOver1MegabyteIsRejected() {
		byte[] data = new byte[1024 * 1024 + 1];

		assertThatIllegalArgumentException().isThrownBy(() -> this.client.sendToAll(WebPubSubMessage.binary(data)))
			.withMessageContaining("'message' is 1048577 bytes, over the service's limit of 1048576 bytes");
	}

	@Test
	void jsonMessageOver1MegabyteIsRejected() {
		String text = "x".repeat(1024 * 1024);

		assertThatIllegalArgumentException().isThrownBy(() -> this.client.sendToAll(WebPubSubMessage.json(text)))
			.withMessageContaining("'message' is 1048578 bytes");
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 301, Integer.MAX_VALUE })
	void messageTtlOutsideRangeIsRejected(int seconds) {
		assertThatIllegalArgumentException().isThrownBy(() -> SendOptions.none().messageTtlSeconds(seconds))
			.withMessageContaining("'messageTtlSeconds' value " + seconds + " is outside 0-300");
	}

	@Test
	void tokenLifetimeUnderOneMinuteIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientAccessTokenOptions.defaults().lifetime(Duration.ofSeconds(59)))
			.withMessageContaining("'lifetime' value PT59S is under the minimum of one minute");
	}

	@Test
	void excludedIdsOnSendToUserAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.sendToUser("alice", WebPubSubMessage.text("hi"),
					SendOptions.none().excluding("c1")))
			.withMessageContaining("'excluded' is not supported by sendToUser");
	}

	@Test
	void filterOnSendToConnectionIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.sendToConnection("c1", WebPubSubMessage.text("hi"),
					SendOptions.none().filter("userId eq 'a'")))
			.withMessageContaining("'filter' is not supported by sendToConnection");
	}

	@Test
	void emptyGroupListIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.addConnectionsToGroups(List.of(), null))
			.withMessageContaining("'groups' must not be empty");
	}

	@Test
	void pageSizeOutsideRangeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ListConnectionsOptions(201, null))
			.withMessageContaining("'maxPageSize' value 201 is outside 1-200");
	}

	@Test
	void unserializableJsonIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.sendToAll(WebPubSubMessage.json(new FailingGetter())))
			.withMessageContaining("'message' of type " + FailingGetter.class.getName() + " cannot be serialised");
	}

	static class FailingGetter {

		public String getValue() {
			throw new IllegalStateException("no value yet");
		}

	}

}
