package io.webpubsub.compat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import mockwebserver3.RecordedRequest;
import okio.ByteString;

/**
 * One request as MockWebServer received it, split into the parts the parity tests compare.
 *
 * @param method the HTTP method
 * @param url the origin of the server followed by the request target exactly as sent, which is what a token's
 * {@code aud} claim must repeat
 * @param encodedPath the path of the request target, percent-encoding kept
 * @param query the decoded query parameters in the order sent, repeated names collected in one list
 * @param contentType the {@code Content-Type} header, or {@code null} when absent
 * @param body the request body, empty when there is none
 * @param authorization the {@code Authorization} header, or {@code null} when absent
 */
record CapturedRequest(String method, String url, String encodedPath, Map<String, List<String>> query,
		String contentType, ByteString body, String authorization) {

	static final String API_VERSION = "api-version";

	static CapturedRequest of(RecordedRequest recorded, String origin) {
		String target = recorded.getTarget();
		int questionMark = target.indexOf('?');
		String path = (questionMark < 0) ? target : target.substring(0, questionMark);
		String rawQuery = (questionMark < 0) ? "" : target.substring(questionMark + 1);
		ByteString body = (recorded.getBody() != null) ? recorded.getBody() : ByteString.EMPTY;
		return new CapturedRequest(recorded.getMethod(), origin + target, path, parseQuery(rawQuery),
				recorded.getHeaders().get("Content-Type"), body, recorded.getHeaders().get("Authorization"));
	}

	/** Returns the values of the {@code api-version} parameter, normally exactly one. */
	List<String> apiVersions() {
		return this.query.getOrDefault(API_VERSION, List.of());
	}

	/** Returns the query parameters other than {@code api-version}, in the order sent. */
	Map<String, List<String>> queryWithoutApiVersion() {
		Map<String, List<String>> rest = new LinkedHashMap<>(this.query);
		rest.remove(API_VERSION);
		return rest;
	}

	/** Returns the JWT of an {@code Authorization: Bearer <jwt>} header. */
	SignedToken bearerToken() {
		if (this.authorization == null || !this.authorization.startsWith("Bearer ")) {
			throw new AssertionError("Expected 'Authorization: Bearer <jwt>' on " + this.method + " " + this.url
					+ " but the header was " + this.authorization);
		}
		return SignedToken.parse(this.authorization.substring("Bearer ".length()));
	}

	@Override
	public String toString() {
		return this.method + " " + this.url + " [Content-Type: " + this.contentType + ", " + this.body.size()
				+ " body bytes]";
	}

	private static Map<String, List<String>> parseQuery(String rawQuery) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			query.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return query;
	}

	/**
	 * Decodes percent-escapes only. A raw '+' stays a plus sign, so a client that sent '+' for a space would show
	 * up as a difference instead of being decoded like %20.
	 */
	private static String decode(String encoded) {
		return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
