package io.webpubsub.spring.client;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import mockwebserver3.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the bearer tokens of recorded requests with an independent JOSE library.
 */
final class SignedRequests {

	/** A development key of 44 characters: long enough for HS256 verifiers that require 256 bits. */
	static final String ACCESS_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

	private SignedRequests() {
	}

	/**
	 * Asserts that the request carries an HS256 token signed with the key, whose audience is the request URL and
	 * whose expiry is in the future, and returns its claims.
	 */
	static JWTClaimsSet assertSignedForUrl(RecordedRequest request, String accessKey) {
		JWTClaimsSet claims = verifiedClaims(bearerToken(request), accessKey);
		assertThat(claims.getAudience()).containsExactly(request.getUrl().toString());
		assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now());
		return claims;
	}

	static String bearerToken(RecordedRequest request) {
		String authorization = request.getHeaders().get("Authorization");
		assertThat(authorization).startsWith("Bearer ");
		return authorization.substring("Bearer ".length());
	}

	static JWTClaimsSet verifiedClaims(String token, String accessKey) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
			assertThat(jwt.verify(new MACVerifier(accessKey.getBytes(StandardCharsets.UTF_8))))
				.as("signature of the token with the access key")
				.isTrue();
			return jwt.getJWTClaimsSet();
		}
		catch (ParseException | JOSEException ex) {
			throw new AssertionError("The token is not a valid signed JWT: " + ex.getMessage(), ex);
		}
	}

}
