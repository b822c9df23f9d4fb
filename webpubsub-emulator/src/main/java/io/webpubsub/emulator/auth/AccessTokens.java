package io.webpubsub.emulator.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Verifies and mints the HS256 tokens of the service, keyed with the UTF-8 bytes of the access key.
 * <p>
 * REST tokens must name the request URL as audience, with or without its query, compared case-insensitively and
 * also after one URL-decoding, because official SDKs sign the full URL while the documentation describes the URL
 * without its query. Client tokens must name the hub's client endpoint, where {@code ws} and {@code wss} count as
 * {@code http} and {@code https}. Expiry allows five minutes of clock skew.
 */
public final class AccessTokens {

	/** Shortest key accepted, because HS256 needs at least 256 bits of key. */
	public static final int MIN_KEY_BYTES = 32;

	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private final MACVerifier verifier;

	private final MACSigner signer;

	private final Clock clock;

	/**
	 * Creates the verifier for an access key.
	 * @throws IllegalArgumentException if the key is shorter than {@value #MIN_KEY_BYTES} bytes
	 */
	public AccessTokens(String accessKey, Clock clock) {
		byte[] key = accessKey.getBytes(StandardCharsets.UTF_8);
		if (key.length < MIN_KEY_BYTES) {
			throw new IllegalArgumentException("The access key is " + key.length + " bytes long: use at least "
					+ MIN_KEY_BYTES + " bytes, as HS256 requires");
		}
		try {
			this.verifier = new MACVerifier(key);
			this.signer = new MACSigner(key);
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("The access key cannot be used for HS256: " + ex.getMessage(), ex);
		}
		this.clock = clock;
	}

	/**
	 * Verifies the bearer token of a REST request.
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @param requestUrl the URL of the request as the client sent it, query included
	 */
	public void verifyRestToken(@Nullable String authorization, String requestUrl) throws TokenRejectedException {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new TokenRejectedException("Missing 'Authorization: Bearer <token>' header");
		}
		JWTClaimsSet claims = verify(authorization.substring(7).trim());
		int query = requestUrl.indexOf('?');
		String withoutQuery = (query < 0) ? requestUrl : requestUrl.substring(0, query);
		if (!audienceMatches(claims, List.of(requestUrl, withoutQuery))) {
			throw new TokenRejectedException("The token's audience is not the request URL " + withoutQuery);
		}
	}

	/**
	 * Verifies a client access token for a client endpoint URL, such as {@code http://localhost:8090/client/hubs/chat},
	 * and returns its claims.
	 */
	public JWTClaimsSet verifyClientToken(@Nullable String token, String endpointUrl) throws TokenRejectedException {
		if (token == null || token.isBlank()) {
			throw new TokenRejectedException("Missing access token: pass it as 'access_token' or 'Authorization: Bearer'");
		}
		JWTClaimsSet claims = verify(token.trim());
		if (!audienceMatches(claims, List.of(endpointUrl))) {
			throw new TokenRejectedException("The token's audience is not " + endpointUrl);
		}
		return claims;
	}

	/** Mints a token with the given claims, audience and lifetime, as the service's {@code :generateToken} does. */
	public String mint(Map<String, Object> claims, String audience, Duration lifetime) {
		Instant now = this.clock.instant();
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().audience(audience)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(lifetime)));
		claims.forEach(builder::claim);
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Signing a token failed: " + ex.getMessage(), ex);
		}
		return jwt.serialize();
	}

	private JWTClaimsSet verify(String token) throws TokenRejectedException {
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(token);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new TokenRejectedException("The token is not a signed JWT");
		}

		if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
			throw new TokenRejectedException("The token is signed with " + jwt.getHeader().getAlgorithm()
					+ ": only HS256 is accepted");
		}

		try {
			if (!jwt.verify(this.verifier)) {
				throw new TokenRejectedException("The token's signature does not match the access key");
			}
		}
		catch (JOSEException ex) {
			throw new TokenRejectedException("The token's signature cannot be checked: " + ex.getMessage());
		}

		Instant now = this.clock.instant();
		Date expiresAt = claims.getExpirationTime();
		if (expiresAt == null) {
			throw new TokenRejectedException("The token has no 'exp' claim");
		}
		if (expiresAt.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
			throw new TokenRejectedException("The token expired at " + expiresAt.toInstant());
		}
		Date notBefore = claims.getNotBeforeTime();
		if (notBefore != null && notBefore.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
			throw new TokenRejectedException("The token is not valid before " + notBefore.toInstant());
		}
		return claims;
	}

	private static boolean audienceMatches(JWTClaimsSet claims, List<String> acceptedUrls) {
		List<String> audiences = claims.getAudience();
		if (audiences == null) {
			return false;
		}
		for (String audience : audiences) {
			String normalized = normalize(audience);
			String decoded = normalize(URLDecoder.decode(audience, StandardCharsets.UTF_8));
			for (String url : acceptedUrls) {
				String expected = normalize(url);
				if (normalized.equals(expected) || decoded.equals(expected)
						|| decoded.equals(normalize(URLDecoder.decode(url, StandardCharsets.UTF_8)))) {
					return true;
				}
			}
		}
		return false;
	}

	/** Lower-cases, maps ws and wss to http and https, and drops a trailing slash before any query. */
	private static String normalize(String url) {
		String lowerCase = url.toLowerCase(Locale.ROOT);
		if (lowerCase.startsWith("ws://")) {
			lowerCase = "http://" + lowerCase.substring(5);
		}
		else if (lowerCase.startsWith("wss://")) {
			lowerCase = "https://" + lowerCase.substring(6);
		}
		int query = lowerCase.indexOf('?');
		String path = (query < 0) ? lowerCase : lowerCase.substring(0, query);
		String rest = (query < 0) ? "" : lowerCase.substring(query);
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return path + rest;
	}

}
