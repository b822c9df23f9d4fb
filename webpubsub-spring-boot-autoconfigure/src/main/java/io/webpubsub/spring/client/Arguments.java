package io.webpubsub.spring.client;

import java.util.regex.Pattern;

/**
 * Checks of operation arguments against the rules of the REST API, so a bad value fails before any request is sent
 * with a message that names the parameter and the rule.
 */
final class Arguments {

	/** Hub names: a letter, then up to 127 letters, digits or the characters {@code _`,.[]}. */
	static final Pattern HUB_PATTERN = Pattern.compile("^[A-Za-z][A-Za-z0-9_`,.\\[\\]]{0,127}$");

	static final int MAX_GROUP_LENGTH = 1024;

	/** Largest message the service accepts: 1 MB. */
	static final int MAX_MESSAGE_BYTES = 1024 * 1024;

	static final int MAX_MESSAGE_TTL_SECONDS = 300;

	private Arguments() {
	}

	static String requireNonBlank(String name, String value) {
		if (value == null) {
			throw new IllegalArgumentException("'" + name + "' must not be null");
		}
		if (value.isBlank()) {
			throw new IllegalArgumentException("'" + name + "' must not be blank");
		}
		return value;
	}

	static String requireHub(String hub) {
		requireNonBlank("hub", hub);
		if (!HUB_PATTERN.matcher(hub).matches()) {
			throw new IllegalArgumentException("'hub' value '" + hub + "' is invalid: a hub name starts with a letter "
					+ "and has at most 128 letters, digits and the characters _`,.[] (pattern " + HUB_PATTERN + ")");
		}
		return hub;
	}

	static String requireGroup(String group) {
		requireNonBlank("group", group);
		if (group.length() > MAX_GROUP_LENGTH) {
			throw new IllegalArgumentException("'group' is " + group.length() + " characters long, over the maximum of "
					+ MAX_GROUP_LENGTH + ": use a shorter group name");
		}
		return group;
	}

	static int requireTtl(int seconds) {
		if (seconds < 0 || seconds > MAX_MESSAGE_TTL_SECONDS) {
			throw new IllegalArgumentException("'messageTtlSeconds' value " + seconds + " is outside 0-"
					+ MAX_MESSAGE_TTL_SECONDS + ": use 0 for no expiry or at most " + MAX_MESSAGE_TTL_SECONDS);
		}
		return seconds;
	}

	static byte[] requireMessageSize(byte[] body) {
		if (body.length > MAX_MESSAGE_BYTES) {
			throw new IllegalArgumentException("'message' is " + body.length + " bytes, over the service's limit of "
					+ MAX_MESSAGE_BYTES + " bytes (1 MB): split it or send a link to the data instead");
		}
		return body;
	}

}
