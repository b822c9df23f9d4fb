package io.webpubsub.spring.client;

import java.time.Instant;

/**
 * Token a client presents when it opens its WebSocket, and the URL that carries it.
 * {@link #toString()} leaves the token out.
 *
 * @param token the signed JWT
 * @param expiresAt when the service stops accepting the token for new connections
 * @param url the WebSocket URL with the token in its {@code access_token} query parameter
 */
public record ClientAccessToken(String token, Instant expiresAt, String url) {

	@Override
	public String toString() {
		int query = this.url.indexOf('?');
		String urlWithoutToken = (query < 0) ? this.url : this.url.substring(0, query);
		return "ClientAccessToken[url=" + urlWithoutToken + "?access_token=******, expiresAt=" + this.expiresAt + "]";
	}

}
