package io.webpubsub.spring.client;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import okhttp3.HttpUrl;

/**
 * Mints client access tokens locally with the access key, so no request reaches the service. The audience is the
 * http(s) URL of the hub's client endpoint, and the client connects to the same URL with {@code ws} or {@code wss}.
 */
final class ClientAccessTokenMinter {

	/** The audience cache is cleared when it grows past this many hub and protocol pairs, which bounds its memory. */
	private static final int MAX_CACHED_AUDIENCES = 1024;

	private final Lazy<HttpUrl> endpoint;

	/**
	 * Audiences by hub and protocol. Building one with HttpUrl took about a quarter of the CPU time of minting a
	 * token in the token benchmark (JMH, 2 roles and 2 groups).
	 */
	private final Map<AudienceKey, String> audiences = new ConcurrentHashMap<>();

	private final HmacJwtSigner signer;

	private final Clock clock;

	ClientAccessTokenMinter(Lazy<HttpUrl> endpoint, HmacJwtSigner signer, Clock clock) {
		this.endpoint = endpoint;
		this.signer = signer;
		this.clock = clock;
	}

	ClientAccessToken mint(String hub, ClientAccessTokenOptions options) {
		String audience = audience(hub, options.getClientProtocol());
		Instant issuedAt = Instant.ofEpochSecond(this.clock.instant().getEpochSecond());
		Instant expiresAt = issuedAt.plus(options.getLifetime());

		Map<String, Object> claims = new LinkedHashMap<>();
		if (options.getUserId() != null) {
			claims.put("sub", options.getUserId());
		}
		if (!options.getRoles().isEmpty()) {
			claims.put("role", options.getRoles());
		}
		if (!options.getGroups().isEmpty()) {
			claims.put("webpubsub.group", options.getGroups());
		}
		claims.put("aud", audience);
		claims.put("iat", issuedAt.getEpochSecond());
		claims.put("nbf", issuedAt.getEpochSecond());
		claims.put("exp", expiresAt.getEpochSecond());

		String token = this.signer.sign(claims);
		return new ClientAccessToken(token, expiresAt, clientUrl(audience, token));
	}

	/** Returns the audience of a client token for the hub: the http(s) URL of its client endpoint. */
	String audience(String hub, WebPubSubClientProtocol protocol) {
		AudienceKey key = new AudienceKey(hub, protocol);
		String cached = this.audiences.get(key);
		if (cached != null) {
			return cached;
		}

		String audience = this.endpoint.get().newBuilder()
			.addPathSegments(protocol.pathPrefix().substring(1, protocol.pathPrefix().length() - 1))
			.addEncodedPathSegment(PathSegments.encode("hub", hub))
			.build()
			.toString();
		if (this.audiences.size() >= MAX_CACHED_AUDIENCES) {
			this.audiences.clear();
		}
		this.audiences.put(key, audience);
		return audience;
	}

	/** Returns the WebSocket URL for a token: the audience with {@code ws} or {@code wss}, port kept. */
	static String clientUrl(String audience, String token) {
		String webSocketUrl = audience.startsWith("https:") ? "wss:" + audience.substring("https:".length())
				: "ws:" + audience.substring("http:".length());
		return webSocketUrl + "?access_token=" + token;
	}

	private record AudienceKey(String hub, WebPubSubClientProtocol protocol) {
	}

}
