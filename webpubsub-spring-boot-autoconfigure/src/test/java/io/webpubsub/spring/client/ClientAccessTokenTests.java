package io.webpubsub.spring.client;

import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import static io.webpubsub.spring.client.SignedRequests.ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

class ClientAccessTokenTests {

	private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

	@Test
	void tokenMatchesKnownVector() {
		// Claims {"sub":"alice","role":[two roles],"webpubsub.group":["lobby"],"aud":".../client/hubs/chat",
		// "iat":1700000000,"nbf":1700000000,"exp":1700003600}; the signature was computed independently.
		String expected = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
				+ "eyJzdWIiOiJhbGljZSIsInJvbGUiOlsid2VicHVic3ViLnNlbmRUb0dyb3VwLmxvYmJ5Iiwid2VicHVic3ViLmpvaW5MZWF2ZUdyb3VwLmxvYmJ5Il0sIndlYnB1YnN1Yi5ncm91cCI6WyJsb2JieSJdLCJhdWQiOiJodHRwOi8vbG9jYWxob3N0OjgwODAvY2xpZW50L2h1YnMvY2hhdCIsImlhdCI6MTcwMDAwMDAwMCwibmJmIjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDM2MDB9."
				+ "EfNK7elOxZjV1Se4sHhpYDbBNk3jVHXuPIT-Er4Oxpg";

		ClientAccessToken token = client("http://localhost:8080").getClientAccessToken(ClientAccessTokenOptions
			.defaults()
			.userId("alice")
			.roles("webpubsub.sendToGroup.lobby", "webpubsub.joinLeaveGroup.lobby")
			.groups("lobby"));

		assertThat(token.token()).isEqualTo(expected);
		assertThat(token.url()).isEqualTo("ws://localhost:8080/client/hubs/chat?access_token=" + expected);
		assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(60)));
	}

	@Test
	void httpsEndpointGivesWssUrlWithPort() {
		ClientAccessToken token = client("https://contoso.example:8443").getClientAccessToken();

		assertThat(token.url()).startsWith("wss://contoso.example:8443/client/hubs/chat?access_token=");
		assertThat(claims(token).getAudience()).containsExactly("https://contoso.example:8443/client/hubs/chat");
	}

	@Test
	void anonymousTokenHasNoUserOrRoles() {
		JWTClaimsSet claims = claims(client("http://localhost:8080").getClientAccessToken());

		assertThat(claims.getSubject()).isNull();
		assertThat(claims.getClaim("role")).isNull();
		assertThat(claims.getClaim("webpubsub.group")).isNull();
	}

	@Test
	void lifetimeSetsExpiry() {
		ClientAccessToken token = client("http://localhost:8080")
			.getClientAccessToken(ClientAccessTokenOptions.defaults().lifetime(Duration.ofMinutes(5)));

		assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
		assertThat(claims(token).getExpirationTime().toInstant()).isEqualTo(token.expiresAt());
	}

	@Test
	void mqttProtocolUsesItsPath() {
		ClientAccessToken token = client("http://localhost:8080")
			.getClientAccessToken(ClientAccessTokenOptions.defaults().clientProtocol(WebPubSubClientProtocol.MQTT));

		assertThat(token.url()).startsWith("ws://localhost:8080/clients/mqtt/hubs/chat?access_token=");
		assertThat(claims(token).getAudience()).containsExactly("http://localhost:8080/clients/mqtt/hubs/chat");
	}

	@Test
	void socketIoProtocolUsesItsPath() {
		ClientAccessToken token = client("http://localhost:8080").getClientAccessToken(
				ClientAccessTokenOptions.defaults().clientProtocol(WebPubSubClientProtocol.SOCKET_IO));

		assertThat(token.url()).startsWith("ws://localhost:8080/clients/socketio/hubs/chat?access_token=");
	}

	@Test
	void tokenForAnotherHub() {
		ClientAccessToken token = client("http://localhost:8080").forHub("Other").getClientAccessToken();

		assertThat(claims(token).getAudience()).containsExactly("http://localhost:8080/client/hubs/Other");
	}

	private static WebPubSubServiceClient client(String endpoint) {
		return WebPubSubServiceClient.builder()
			.endpoint(endpoint, ACCESS_KEY)
			.hub("chat")
			.clock(new MutableClock(NOW))
			.build();
	}

	private static JWTClaimsSet claims(ClientAccessToken token) {
		return SignedRequests.verifiedClaims(token.token(), ACCESS_KEY);
	}

}
