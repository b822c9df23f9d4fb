package io.webpubsub.compat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.azure.messaging.webpubsub.models.GetClientAccessTokenOptions;
import com.azure.messaging.webpubsub.models.WebPubSubClientAccessToken;
import io.webpubsub.compat.ParityServer.Exchange;
import io.webpubsub.spring.client.ClientAccessToken;
import io.webpubsub.spring.client.ClientAccessTokenOptions;
import io.webpubsub.spring.client.WebPubSubClientProtocol;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.webpubsub.compat.ClientAccessTokenParityTests.clientPath;
import static io.webpubsub.compat.ClientAccessTokenParityTests.officialProtocol;
import static io.webpubsub.compat.RequestParity.assertSameTarget;
import static io.webpubsub.compat.RequestParity.assertSignedWithAccessKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares the {@code :generateToken} request, which requests a client access token minted by the service. Our
 * client sends it from {@code fetchClientAccessToken}. The official client sends it from {@code getClientAccessToken}
 * only when built with a Microsoft Entra credential in place of an access key, and it sends that credential only
 * over HTTPS, so these tests run against an HTTPS server on 127.0.0.1.
 */
class GenerateTokenParityTests {

	private static final String SERVICE_TOKEN = "header.claims.signature-from-the-service";

	private ParityServer server;

	private WebPubSubServiceClient ours;

	private com.azure.messaging.webpubsub.WebPubSubServiceClient official;

	@BeforeEach
	void startServer() throws Exception {
		this.server = ParityServer.startHttps();
		this.ours = this.server.ourClient(ParityServer.HUB);
		this.official = this.server.officialClientWithEntraCredential(ParityServer.HUB);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(WebPubSubClientProtocol.class)
	void generateTokenMatchesOfficialClient(WebPubSubClientProtocol protocol) {
		Exchange ourExchange = this.server.exchange(tokenResponse(),
				() -> this.ours.fetchClientAccessToken(ClientAccessTokenOptions.defaults()
					.userId("tenant/alice b")
					.roles("webpubsub.sendToGroup.lobby", "webpubsub.joinLeaveGroup")
					.groups("lobby", "news")
					.lifetime(Duration.ofMinutes(30))
					.clientProtocol(protocol)));
		Exchange officialExchange = this.server.exchange(tokenResponse(),
				() -> this.official.getClientAccessToken(new GetClientAccessTokenOptions().setUserId("tenant/alice b")
					.setRoles(List.of("webpubsub.sendToGroup.lobby", "webpubsub.joinLeaveGroup"))
					.setGroups(List.of("lobby", "news"))
					.setExpiresAfter(Duration.ofMinutes(30))
					.setWebPubSubClientProtocol(officialProtocol(protocol))));

		assertSameTarget(ourExchange.request(), officialExchange.request());
		assertThat(ourExchange.request().queryWithoutApiVersion()).as("query parameters of our request")
			.containsEntry("minutesToExpire", List.of("30"))
			.containsEntry("role", List.of("webpubsub.sendToGroup.lobby", "webpubsub.joinLeaveGroup"))
			.containsEntry("group", List.of("lobby", "news"));
		assertAuthorizationDiffers(ourExchange, officialExchange);

		ClientAccessToken ourToken = (ClientAccessToken) ourExchange.result();
		WebPubSubClientAccessToken officialToken = (WebPubSubClientAccessToken) officialExchange.result();
		assertThat(ourToken.token()).as("token").isEqualTo(officialToken.getToken()).isEqualTo(SERVICE_TOKEN);
		assertThat(ourToken.url()).as("URL").isEqualTo(officialToken.getUrl());
		assertThat(ourToken.url()).as("our URL").isEqualTo(this.server.origin().replace("https:", "wss:")
				+ clientPath(protocol) + ParityServer.HUB + "?access_token=" + SERVICE_TOKEN);
	}

	@Test
	void generateTokenWithDefaultsSendsLifetime() {
		Exchange ourExchange = this.server.exchange(tokenResponse(),
				() -> this.ours.fetchClientAccessToken(ClientAccessTokenOptions.defaults()));
		Exchange officialExchange = this.server.exchange(tokenResponse(),
				() -> this.official.getClientAccessToken(new GetClientAccessTokenOptions()));

		// Expected difference: our options always carry a lifetime (60 minutes unless set) and send it, while the
		// official client leaves minutesToExpire out unless setExpiresAfter was called.
		// NOTE: the REST reference states no default for minutesToExpire, so whether the service also picks 60
		// minutes when it is missing is not checked here.
		assertThat(ourExchange.request().queryWithoutApiVersion()).as("query parameters of our request")
			.isEqualTo(Map.of("minutesToExpire", List.of("60"), "clientType", List.of("default")));
		assertThat(officialExchange.request().queryWithoutApiVersion()).as("query parameters of the official request")
			.isEqualTo(Map.of("clientType", List.of("default")));

		assertThat(ourExchange.request().method()).as("method").isEqualTo(officialExchange.request().method());
		assertThat(ourExchange.request().encodedPath()).as("encoded path")
			.isEqualTo(officialExchange.request().encodedPath());
		assertThat(ourExchange.request().contentType()).as("Content-Type")
			.isEqualTo(officialExchange.request().contentType());
		assertThat(ourExchange.request().body()).as("body").isEqualTo(officialExchange.request().body());
		assertAuthorizationDiffers(ourExchange, officialExchange);
	}

	/**
	 * Expected difference: our client signs every request with the access key, while this official client sends the
	 * token of its Microsoft Entra credential.
	 */
	private static void assertAuthorizationDiffers(Exchange ourExchange, Exchange officialExchange) {
		assertSignedWithAccessKey(ourExchange.request());
		assertThat(officialExchange.request().authorization()).as("Authorization of the official request")
			.isEqualTo("Bearer " + ParityServer.ENTRA_TOKEN);
	}

	private static MockResponse tokenResponse() {
		return new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"token\":\"" + SERVICE_TOKEN + "\"}")
			.build();
	}

}
