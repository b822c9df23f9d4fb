package io.webpubsub.emulator.http;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A REST request, parsed by the router.
 *
 * @param method the HTTP method
 * @param url the URL as the client sent it, built from the Host header, query included; tokens name it
 * @param pathSegments the decoded segments of the path, without the leading empty one
 * @param query the decoded query parameters, each with every value in order
 * @param authorization the {@code Authorization} header, or {@code null}
 * @param contentType the {@code Content-Type} header, or {@code null}
 * @param body the body, empty when there is none
 */
public record RestRequest(String method, String url, List<String> pathSegments, Map<String, List<String>> query,
		@Nullable String authorization, @Nullable String contentType, byte[] body) {

	/** Returns the first value of a query parameter, or {@code null}. */
	public @Nullable String queryValue(String name) {
		List<String> values = this.query.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/** Returns every value of a query parameter. */
	public List<String> queryValues(String name) {
		return this.query.getOrDefault(name, List.of());
	}

	/** Returns the scheme, host and port of the URL, such as {@code http://localhost:8090}. */
	public String origin() {
		int pathStart = this.url.indexOf('/', this.url.indexOf("://") + 3);
		return (pathStart < 0) ? this.url : this.url.substring(0, pathStart);
	}

}
