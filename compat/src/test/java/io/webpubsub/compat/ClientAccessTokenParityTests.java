package io.webpubsub.compat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.azure.messaging.webpubsub.models.GetClientAccessTokenOptions;
import com.azure.messaging.webpubsub.models.WebPubSubClientAccessToken;
import io.webpubsub.spring.client.ClientAccessToken;
import io.webpubsub.spring.client.ClientAccessTokenOptions;
import io.webpubsub.spring.client.WebPubSubClientProtocol;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.webpubsub.compat.RequestParity.MAX_EXPIRY_GAP_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Compares the client access tokens that our client and the official client mint locally with the access key for
 * the same user, roles, groups, lifetime and protocol.
 */
class ClientAccessTokenParityTests {

	private static final String USER_ID = "tenant/alice b";

	private static final List<String> ROLES = List.of("webpubsub.sendToGroup.lobby", "webpubsub.joinLeaveGroup");

	private static final List<String> GROUPS = List.of("lobby", "news");

	private static final Duration LIFETIME = Duration.ofMinutes(30);

	private ParityServer server;

	private WebPubSubServiceClient ours;

	private com.azure.messaging.webpubsub.WebPubSubServiceClient official;

	@BeforeEach
	void startServer() throws Exception {
		this.server = ParityServer.startHttp();
		this.ours = this.server.ourClient(ParityServer.HUB);
		this.official = this.server.officialClient(ParityServer.HUB);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(WebPubSubClientProtocol.class)
	void clientAccessTokenMatchesOfficialClient(WebPubSubClientProtocol protocol) {
		long now = Instant.now().getEpochSecond();
		ClientAccessToken ourToken = this.ours.getClientAccessToken(ClientAccessTokenOptions.defaults()
			.userId(USER_ID)
			.roles(ROLES)
			.groups(GROUPS)
			.lifetime(LIFETIME)
			.clientProtocol(protocol));
		WebPubSubClientAccessToken officialToken = this.official.getClientAccessToken(
				new GetClientAccessTokenOptions().setUserId(USER_ID)
					.setRoles(ROLES)
					.setGroups(GROUPS)
					.setExpiresAfter(LIFETIME)
					.setWebPubSubClientProtocol(officialProtocol(protocol)));

		SignedToken ourJwt = SignedToken.parse(ourToken.token());
		SignedToken officialJwt = SignedToken.parse(officialToken.getToken());
		assertThat(ourJwt.hasValidSignature(ParityServer.ACCESS_KEY)).as("signature of our token").isTrue();
		assertThat(officialJwt.hasValidSignature(ParityServer.ACCESS_KEY)).as("signature of the official token")
			.isTrue();

		assertThat(ourJwt.claim("sub")).as("sub").isEqualTo(officialJwt.claim("sub")).isEqualTo(USER_ID);
		assertThat(ourJwt.claim("role")).as("role").isEqualTo(officialJwt.claim("role")).isEqualTo(ROLES);
		assertThat(ourJwt.claim("webpubsub.group")).as("webpubsub.group")
			.isEqualTo(officialJwt.claim("webpubsub.group"))
			.isEqualTo(GROUPS);
		assertThat(ourJwt.claim("aud")).as("aud").isEqualTo(officialJwt.claim("aud"));
		assertThat(ourJwt.claim("aud")).as("aud of our token")
			.isEqualTo(this.server.origin() + clientPath(protocol) + ParityServer.HUB);

		assertThat(ourJwt.expiresAt() - now).as("our exp minus now")
			.isCloseTo(LIFETIME.toSeconds(), within(MAX_EXPIRY_GAP_SECONDS));
		assertThat(officialJwt.expiresAt() - now).as("official exp minus now")
			.isCloseTo(LIFETIME.toSeconds(), within(MAX_EXPIRY_GAP_SECONDS));
		assertThat(Math.abs(ourJwt.expiresAt() - officialJwt.expiresAt())).as("gap between the exp claims")
			.isLessThanOrEqualTo(MAX_EXPIRY_GAP_SECONDS);
		assertThat(ourToken.expiresAt().getEpochSecond()).as("expiresAt of our token").isEqualTo(ourJwt.expiresAt());

		// Expected difference: our token also dates its issue (iat) and its start of validity (nbf), both optional
		// claims (RFC 7519, section 4.1), while the official one carries exp alone.
		assertThat(ourJwt.claims().keySet()).as("claims of our token")
			.isEqualTo(Set.of("sub", "role", "webpubsub.group", "aud", "iat", "nbf", "exp"));
		assertThat(officialJwt.claims().keySet()).as("claims of the official token")
			.isEqualTo(Set.of("sub", "role", "webpubsub.group", "aud", "exp"));
		assertThat(ourJwt.numericClaim("iat")).as("iat of our token").isCloseTo(now, within(MAX_EXPIRY_GAP_SECONDS));
		assertThat(ourJwt.numericClaim("nbf")).as("nbf of our token").isEqualTo(ourJwt.numericClaim("iat"));

		assertThat(ourToken.url()).as("our URL").endsWith("?access_token=" + ourToken.token());
		assertThat(officialToken.getUrl()).as("official URL").endsWith("?access_token=" + officialToken.getToken());
		assertThat(withoutToken(ourToken.url())).as("URL without the token")
			.isEqualTo(withoutToken(officialToken.getUrl()))
			.isEqualTo("ws://127.0.0.1:" + port() + clientPath(protocol) + ParityServer.HUB);

		assertThat(this.server.requestCount()).as("requests sent").isZero();
	}

	@Test
	void anonymousTokenMatchesOfficialClient() {
		long now = Instant.now().getEpochSecond();
		ClientAccessToken ourToken = this.ours.getClientAccessToken();
		WebPubSubClientAccessToken officialToken = this.official
			.getClientAccessToken(new GetClientAccessTokenOptions());

		SignedToken ourJwt = SignedToken.parse(ourToken.token());
		SignedToken officialJwt = SignedToken.parse(officialToken.getToken());
		assertThat(ourJwt.hasValidSignature(ParityServer.ACCESS_KEY)).as("signature of our token").isTrue();
		assertThat(officialJwt.hasValidSignature(ParityServer.ACCESS_KEY)).as("signature of the official token")
			.isTrue();

		assertThat(ourJwt.claim("aud")).as("aud").isEqualTo(officialJwt.claim("aud"));
		assertThat(ourJwt.expiresAt() - now).as("our exp minus now, one hour by default")
			.isCloseTo(Duration.ofHours(1).toSeconds(), within(MAX_EXPIRY_GAP_SECONDS));
		assertThat(officialJwt.expiresAt() - now).as("official exp minus now, one hour by default")
			.isCloseTo(Duration.ofHours(1).toSeconds(), within(MAX_EXPIRY_GAP_SECONDS));
		// Expected difference: our token also carries the optional iat and nbf claims.
		assertThat(ourJwt.claims().keySet()).as("claims of our token").isEqualTo(Set.of("aud", "iat", "nbf", "exp"));
		assertThat(officialJwt.claims().keySet()).as("claims of the official token").isEqualTo(Set.of("aud", "exp"));
		assertThat(withoutToken(ourToken.url())).as("URL without the token")
			.isEqualTo(withoutToken(officialToken.getUrl()));
	}

	private int port() {
		return Integer.parseInt(this.server.origin().substring(this.server.origin().lastIndexOf(':') + 1));
	}

	/** Maps each protocol to the official constant explicitly, so no wire name of ours decides the comparison. */
	static com.azure.messaging.webpubsub.models.WebPubSubClientProtocol officialProtocol(
			WebPubSubClientProtocol protocol) {
		return switch (protocol) {
			case DEFAULT -> com.azure.messaging.webpubsub.models.WebPubSubClientProtocol.DEFAULT;
			case MQTT -> com.azure.messaging.webpubsub.models.WebPubSubClientProtocol.MQTT;
			case SOCKET_IO -> com.azure.messaging.webpubsub.models.WebPubSubClientProtocol.SOCKET_IO;
		};
	}

	/** Returns the client path in front of the hub, the same paths the official client 1.4.0 builds. */
	static String clientPath(WebPubSubClientProtocol protocol) {
		return switch (protocol) {
			case DEFAULT -> "/client/hubs/";
			case MQTT -> "/clients/mqtt/hubs/";
			case SOCKET_IO -> "/clients/socketio/hubs/";
		};
	}

	static String withoutToken(String url) {
		int query = url.indexOf("?access_token=");
		assertThat(query).as("position of ?access_token= in " + url).isPositive();
		return url.substring(0, query);
	}

}
