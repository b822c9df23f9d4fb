package io.webpubsub.emulator.http;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of path segments and encoding of query values. Path segments keep {@code +} as it is, because
 * only query strings use it for a space.
 */
final class UrlEncoding {

	private UrlEncoding() {
	}

	/**
	 * Decodes the percent escapes of a path segment as UTF-8.
	 * @throws IllegalArgumentException for a malformed escape
	 */
	static String decodePathSegment(String segment) {
		if (segment.indexOf('%') < 0) {
			return segment;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
		for (int i = 0; i < segment.length(); i++) {
			char character = segment.charAt(i);
			if (character == '%') {
				if (i + 2 >= segment.length()) {
					throw new IllegalArgumentException("Malformed percent escape in path segment '" + segment + "'");
				}
				int high = Character.digit(segment.charAt(i + 1), 16);
				int low = Character.digit(segment.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					throw new IllegalArgumentException("Malformed percent escape in path segment '" + segment + "'");
				}
				bytes.write((high << 4) | low);
				i += 2;
			}
			else {
				byte[] encoded = String.valueOf(character).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	static String encodeQueryValue(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
