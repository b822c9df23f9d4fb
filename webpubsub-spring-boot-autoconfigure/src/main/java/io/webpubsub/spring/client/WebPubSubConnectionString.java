package io.webpubsub.spring.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Endpoint and access key of a Web PubSub resource, as given by a connection string of the form
 * {@code Endpoint=https://example.webpubsub.azure.com;AccessKey=...;Version=1.0;}.
 * <p>
 * Keys are case-insensitive and whitespace around keys and values is trimmed. {@code Port} replaces the port of the
 * endpoint, and {@code Version} and unknown keys are ignored. {@link #toString()} never prints the access key, and no
 * exception thrown here contains it.
 *
 * @param endpoint the service URL: scheme, host and port, without a trailing slash
 * @param accessKey the shared key that signs every token, used as its UTF-8 bytes
 */
public record WebPubSubConnectionString(String endpoint, String accessKey) {

	private static final String ENDPOINT = "endpoint";

	private static final String ACCESS_KEY = "accesskey";

	private static final String PORT = "port";

	/**
	 * Creates a connection string from an endpoint URL and an access key, validating both.
	 * @throws IllegalArgumentException if the endpoint is not an absolute http or https URL or the key is blank
	 */
	public WebPubSubConnectionString {
		endpoint = normalizeEndpoint(endpoint, null);
		if (accessKey == null || accessKey.isBlank()) {
			throw new IllegalArgumentException("'accessKey' must not be null or blank: copy the key of the "
					+ "Web PubSub resource from its 'Keys' page");
		}
		accessKey = accessKey.trim();
	}

	/**
	 * Parses a connection string.
	 * @throws IllegalArgumentException if {@code Endpoint} or {@code AccessKey} is missing, a key appears twice,
	 * the endpoint is not an absolute http or https URL, or {@code Port} is not a number from 1 to 65535
	 */
	public static WebPubSubConnectionString parse(String connectionString) {
		if (connectionString == null || connectionString.isBlank()) {
			throw new IllegalArgumentException("The connection string must not be null or blank: expected "
					+ "'Endpoint=https://<resource>.webpubsub.azure.com;AccessKey=<key>;Version=1.0;'");
		}
		Map<String, String> values = splitPairs(connectionString);

		String endpoint = values.get(ENDPOINT);
		if (endpoint == null || endpoint.isEmpty()) {
			throw new IllegalArgumentException("The connection string has no 'Endpoint': expected "
					+ "'Endpoint=https://<resource>.webpubsub.azure.com;AccessKey=<key>;Version=1.0;'");
		}
		String accessKey = values.get(ACCESS_KEY);
		if (accessKey == null || accessKey.isEmpty()) {
			throw new IllegalArgumentException("The connection string has no 'AccessKey': copy the whole "
					+ "connection string from the 'Keys' page of the Web PubSub resource");
		}
		return new WebPubSubConnectionString(normalizeEndpoint(endpoint, values.get(PORT)), accessKey);
	}

	/**
	 * Formats this value as a connection string. The result contains the access key: keep it out of logs.
	 */
	public String format() {
		return "Endpoint=" + this.endpoint + ";AccessKey=" + this.accessKey + ";Version=1.0;";
	}

	@Override
	public String toString() {
		return "WebPubSubConnectionString[endpoint=" + this.endpoint + ", accessKey=******]";
	}

	private static Map<String, String> splitPairs(String connectionString) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : connectionString.split(";")) {
			int equals = pair.indexOf('=');
			if (equals < 0) {
				continue;
			}
			String key = pair.substring(0, equals).trim().toLowerCase(Locale.ROOT);
			String value = pair.substring(equals + 1).trim();
			if (values.putIfAbsent(key, value) != null) {
				throw new IllegalArgumentException(
						"The connection string names '" + pair.substring(0, equals).trim() + "' more than once: "
								+ "keep one of them");
			}
		}
		return values;
	}

	private static String normalizeEndpoint(String endpoint, @Nullable String port) {
		if (endpoint == null || endpoint.isBlank()) {
			throw new IllegalArgumentException("'endpoint' must not be null or blank: expected a URL such as "
					+ "'https://<resource>.webpubsub.azure.com'");
		}
		String trimmed = endpoint.trim();
		URI uri = parseUri(trimmed);
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
			throw new IllegalArgumentException("Endpoint " + quoteIfUrl(trimmed) + " is not an absolute http or "
					+ "https URL: expected a URL such as 'https://<resource>.webpubsub.azure.com'");
		}
		int effectivePort = (port == null || port.isEmpty()) ? uri.getPort() : parsePort(port);
		if (effectivePort == 0 || effectivePort > 65535) {
			throw new IllegalArgumentException(
					"The port of endpoint '" + trimmed + "' is outside 1-65535: fix the port or leave it out");
		}
		StringBuilder normalized = new StringBuilder(scheme).append("://").append(uri.getHost());
		if (effectivePort != -1) {
			normalized.append(':').append(effectivePort);
		}
		String path = Objects.requireNonNullElse(uri.getRawPath(), "");
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return normalized.append(path).toString();
	}

	private static URI parseUri(String endpoint) {
		try {
			return new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Endpoint " + quoteIfUrl(endpoint) + " is not a valid URL ("
					+ ex.getReason() + " at index " + ex.getIndex() + "): expected a URL such as "
					+ "'https://<resource>.webpubsub.azure.com'");
		}
	}

	/**
	 * Quotes the endpoint value only when it starts like a URL. A value that does not may be an access key pasted
	 * into the wrong place, and must not reach a message.
	 */
	private static String quoteIfUrl(String endpoint) {
		String lowerCase = endpoint.toLowerCase(Locale.ROOT);
		return (lowerCase.startsWith("http://") || lowerCase.startsWith("https://")) ? "'" + endpoint + "'"
				: "value (not shown, as it does not start with http:// or https://)";
	}

	private static int parsePort(String port) {
		int value;
		try {
			value = Integer.parseInt(port);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"'Port' value '" + port + "' is not a number: use a port from 1 to 65535 or leave 'Port' out");
		}
		if (value < 1 || value > 65535) {
			throw new IllegalArgumentException(
					"'Port' value " + value + " is outside 1-65535: use a port from 1 to 65535 or leave 'Port' out");
		}
		return value;
	}

}
