package io.webpubsub.spring.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds {@code Authorization: Bearer <jwt>} to every request, where the token is HS256-signed with the access key and
 * its audience is the full request URL, query included, as the official SDKs send it.
 * <p>
 * A token is reused for the same URL while it has more than {@link #REFRESH_MARGIN} left. It must run before any
 * interceptor that rewrites the URL for a reverse proxy, so the audience keeps naming the service.
 */
final class AccessKeyAuthenticator implements Interceptor {

	static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

	static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

	/** The cache is cleared when it grows past this many URLs, which bounds its memory. */
	private static final int MAX_CACHED_URLS = 1024;

	private final HmacJwtSigner signer;

	private final Clock clock;

	private final Map<String, CachedToken> tokensByUrl = new ConcurrentHashMap<>();

	AccessKeyAuthenticator(HmacJwtSigner signer, Clock clock) {
		this.signer = signer;
		this.clock = clock;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		String authorization = cachedToken(request.url().toString()).authorization();
		return chain.proceed(request.newBuilder().header("Authorization", authorization).build());
	}

	String tokenFor(String audience) {
		return cachedToken(audience).token();
	}

	private CachedToken cachedToken(String audience) {
		Instant now = this.clock.instant();
		CachedToken cached = this.tokensByUrl.get(audience);
		if (cached != null && cached.refreshAt().isAfter(now)) {
			return cached;
		}

		Instant expiresAt = now.plus(TOKEN_LIFETIME);
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("aud", audience);
		claims.put("exp", expiresAt.getEpochSecond());
		String token = this.signer.sign(claims);

		if (this.tokensByUrl.size() >= MAX_CACHED_URLS) {
			this.tokensByUrl.clear();
		}
		CachedToken minted = new CachedToken(token, "Bearer " + token, expiresAt.minus(REFRESH_MARGIN));
		this.tokensByUrl.put(audience, minted);
		return minted;
	}

	@Override
	public String toString() {
		return "AccessKeyAuthenticator[cachedUrls=" + this.tokensByUrl.size() + "]";
	}

	/**
	 * A token with its Authorization header value, which is built once per token rather than once per request, and
	 * the time from which the token is replaced.
	 */
	private record CachedToken(String token, String authorization, Instant refreshAt) {

		@Override
		public String toString() {
			return "CachedToken[refreshAt=" + this.refreshAt + "]";
		}

	}

}
