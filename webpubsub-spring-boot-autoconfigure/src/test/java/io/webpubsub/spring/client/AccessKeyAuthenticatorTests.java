package io.webpubsub.spring.client;

import java.time.Duration;
import java.time.Instant;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import static io.webpubsub.spring.client.SignedRequests.ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

class AccessKeyAuthenticatorTests {

	private static final String SEND_URL = "http://localhost:8080/api/hubs/chat/:send?api-version=2024-01-01";

	@StartStop
	final MockWebServer server = new MockWebServer();

	private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));

	private final AccessKeyAuthenticator authenticator = new AccessKeyAuthenticator(new HmacJwtSigner(ACCESS_KEY),
			this.clock);

	@Test
	void tokenMatchesKnownVector() {
		// Header {"alg":"HS256","typ":"JWT"}, claims {"aud":SEND_URL,"exp":1700003600}, signed with ACCESS_KEY;
		// the signature was computed independently with openssl.
		String expected = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
				+ "eyJhdWQiOiJodHRwOi8vbG9jYWxob3N0OjgwODAvYXBpL2h1YnMvY2hhdC86c2VuZD9hcGktdmVyc2lvbj0yMDI0LTAxLTAxIiwiZXhwIjoxNzAwMDAzNjAwfQ."
				+ "YHXWVtvAtiUqlrteUWh_5c44I3VD31pjGyWbUMLbBo8";

		assertThat(this.authenticator.tokenFor(SEND_URL)).isEqualTo(expected);
	}

	@Test
	void tokenIsReusedForSameUrl() {
		String first = this.authenticator.tokenFor(SEND_URL);
		this.clock.advance(Duration.ofMinutes(54));

		assertThat(this.authenticator.tokenFor(SEND_URL)).isSameAs(first);
	}

	@Test
	void tokenDiffersForAnotherUrl() {
		String first = this.authenticator.tokenFor(SEND_URL);

		assertThat(this.authenticator.tokenFor(SEND_URL + "&excluded=c1")).isNotEqualTo(first);
	}

	@Test
	void tokenIsRefreshedNearExpiry() {
		String first = this.authenticator.tokenFor(SEND_URL);
		this.clock.advance(Duration.ofMinutes(56));

		String refreshed = this.authenticator.tokenFor(SEND_URL);

		assertThat(refreshed).isNotEqualTo(first);
		assertThat(SignedRequests.verifiedClaims(refreshed, ACCESS_KEY).getExpirationTime().toInstant())
			.isEqualTo(Instant.ofEpochSecond(1_700_000_000L).plus(Duration.ofMinutes(56 + 60)));
	}

	@Test
	void requestsToSameUrlCarrySameToken() throws Exception {
		this.server.enqueue(new MockResponse.Builder().code(202).build());
		this.server.enqueue(new MockResponse.Builder().code(202).build());
		this.server.enqueue(new MockResponse.Builder().code(202).build());
		try (WebPubSubServiceClient client = WebPubSubServiceClient.builder()
			.endpoint(this.server.url("/").toString(), ACCESS_KEY)
			.hub("chat")
			.clock(this.clock)
			.build()) {
			client.sendToAll(WebPubSubMessage.text("one"));
			client.sendToAll(WebPubSubMessage.text("two"));
			this.clock.advance(Duration.ofMinutes(58));
			client.sendToAll(WebPubSubMessage.text("three"));
		}

		RecordedRequest first = this.server.takeRequest();
		RecordedRequest second = this.server.takeRequest();
		RecordedRequest third = this.server.takeRequest();
		assertThat(second.getHeaders().get("Authorization")).isEqualTo(first.getHeaders().get("Authorization"));
		assertThat(third.getHeaders().get("Authorization")).isNotEqualTo(first.getHeaders().get("Authorization"));
	}

	@Test
	void toStringHasNoToken() {
		String token = this.authenticator.tokenFor(SEND_URL);

		assertThat(this.authenticator.toString()).doesNotContain(token).doesNotContain(ACCESS_KEY);
	}

}
