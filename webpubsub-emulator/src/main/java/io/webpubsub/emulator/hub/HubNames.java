package io.webpubsub.emulator.hub;

import java.util.regex.Pattern;

/**
 * The rule for hub names, shared by the REST API and the client endpoint.
 */
public final class HubNames {

	/** A letter, then up to 127 letters, digits or the characters {@code _`,.[]}. */
	private static final Pattern PATTERN = Pattern.compile("^[A-Za-z][A-Za-z0-9_`,.\\[\\]]{0,127}$");

	private HubNames() {
	}

	/** Returns whether the name is a valid hub name. */
	public static boolean isValid(String name) {
		return PATTERN.matcher(name).matches();
	}

}
