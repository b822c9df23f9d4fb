package io.webpubsub.spring.client;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of the ids and names that go into REST paths. Only RFC 3986 unreserved characters, sub-delimiters,
 * {@code :} and {@code @} stay as they are, so {@code /}, spaces, {@code [} and {@code ]} are encoded as the official
 * SDKs encode them. OkHttp's own segment encoding leaves brackets unencoded, which is why this class exists.
 */
final class PathSegments {

	private static final String UNENCODED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@";

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private PathSegments() {
	}

	/**
	 * Returns the value encoded as one path segment.
	 * @throws IllegalArgumentException if the value is {@code .} or {@code ..}, which URL parsers read as relative
	 * paths: {@code ..} as a user id would turn a send to one user into a send to the whole hub
	 */
	static String encode(String name, String value) {
		if (value.equals(".") || value.equals("..")) {
			throw new IllegalArgumentException("'" + name + "' value '" + value + "' cannot be used in a URL path: "
					+ "'.' and '..' are read as relative paths, so choose another " + name);
		}
		StringBuilder encoded = null;
		for (int i = 0; i < value.length(); i++) {
			char character = value.charAt(i);
			if (UNENCODED.indexOf(character) >= 0) {
				if (encoded != null) {
					encoded.append(character);
				}
				continue;
			}
			if (encoded == null) {
				encoded = new StringBuilder(value.length() + 16).append(value, 0, i);
			}
			int end = Character.isHighSurrogate(character) && i + 1 < value.length() ? i + 2 : i + 1;
			for (byte octet : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
				encoded.append('%').append(HEX[(octet >> 4) & 0xF]).append(HEX[octet & 0xF]);
			}
			i = end - 1;
		}
		return (encoded != null) ? encoded.toString() : value;
	}

}
