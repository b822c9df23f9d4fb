package io.webpubsub.compat;

import java.util.List;
import java.util.Map;

import com.azure.messaging.webpubsub.WebPubSubServiceVersion;
import io.webpubsub.spring.client.WebPubSubServiceClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions that compare a request of our client with the request of the official client for the same call.
 */
final class RequestParity {

	static final String OUR_API_VERSION = WebPubSubServiceClient.API_VERSION;

	/** The version the official client sends by default, the latest one it supports. */
	static final String OFFICIAL_API_VERSION = WebPubSubServiceVersion.getLatest().getVersion();

	/** Largest gap allowed between the {@code exp} claims of two tokens minted for the same call. */
	static final long MAX_EXPIRY_GAP_SECONDS = 5;

	private RequestParity() {
	}

	/**
	 * Asserts that the two requests have the same method, encoded path, query parameters other than
	 * {@code api-version}, {@code Content-Type} and body, and that each is signed with the access key for its own
	 * URL with the same claims apart from {@code exp}.
	 */
	static void assertSameRequest(CapturedRequest ours, CapturedRequest official) {
		assertSameTarget(ours, official);
		assertSignedWithAccessKey(ours);
		assertSignedWithAccessKey(official);

		SignedToken ourToken = ours.bearerToken();
		SignedToken officialToken = official.bearerToken();
		assertThat(withOfficialApiVersion((String) ourToken.claim("aud")))
			.as("aud of our token once its api-version is the official one")
			.isEqualTo(officialToken.claim("aud"));
		assertThat(ourToken.claimsWithout("aud", "exp")).as("claims other than aud and exp")
			.isEqualTo(officialToken.claimsWithout("aud", "exp"));
		assertThat(Math.abs(ourToken.expiresAt() - officialToken.expiresAt())).as("gap between the exp claims")
			.isLessThanOrEqualTo(MAX_EXPIRY_GAP_SECONDS);

		assertThat(ourToken.header().get("alg")).as("JWT alg of our token").isEqualTo("HS256");
		assertThat(officialToken.header().get("alg")).as("JWT alg of the official token").isEqualTo("HS256");
		// Expected difference: our header adds "typ":"JWT", an optional header parameter (RFC 7519, section 5.1).
		assertThat(ourToken.header()).as("JWT header of our token").isEqualTo(Map.of("alg", "HS256", "typ", "JWT"));
		assertThat(officialToken.header()).as("JWT header of the official token").isEqualTo(Map.of("alg", "HS256"));
	}

	/**
	 * Asserts that the two requests have the same method, encoded path, query parameters other than
	 * {@code api-version}, {@code Content-Type} and body, and that each sends its own client's API version.
	 */
	static void assertSameTarget(CapturedRequest ours, CapturedRequest official) {
		assertThat(ours.method()).as("method").isEqualTo(official.method());
		assertThat(ours.encodedPath()).as("encoded path").isEqualTo(official.encodedPath());
		assertThat(ours.queryWithoutApiVersion()).as("query parameters other than api-version")
			.isEqualTo(official.queryWithoutApiVersion());
		assertThat(ours.contentType()).as("Content-Type").isEqualTo(official.contentType());
		assertThat(ours.body()).as("body").isEqualTo(official.body());

		// Expected difference: each client sends the REST API version it was written for.
		assertThat(ours.apiVersions()).as("api-version of our request").isEqualTo(List.of(OUR_API_VERSION));
		assertThat(official.apiVersions()).as("api-version of the official request")
			.isEqualTo(List.of(OFFICIAL_API_VERSION));
	}

	/** Asserts that the request carries an HS256 token signed with the access key whose aud is the request URL. */
	static void assertSignedWithAccessKey(CapturedRequest request) {
		SignedToken token = request.bearerToken();
		assertThat(token.hasValidSignature(ParityServer.ACCESS_KEY)).as("HS256 signature of " + token).isTrue();
		assertThat(token.claim("aud")).as("aud of the token on " + request.method()).isEqualTo(request.url());
	}

	/** Returns the URL with our api-version value replaced by the official one. */
	static String withOfficialApiVersion(String url) {
		String ours = CapturedRequest.API_VERSION + "=" + OUR_API_VERSION;
		assertThat(url).as("URL signed by our client").contains(ours);
		return url.replace(ours, CapturedRequest.API_VERSION + "=" + OFFICIAL_API_VERSION);
	}

}
