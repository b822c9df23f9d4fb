package io.webpubsub.emulator.auth;

/**
 * An access token that is missing, malformed, wrongly signed, expired or meant for another URL. The caller receives
 * 401 with the message, which never contains the token.
 */
public class TokenRejectedException extends Exception {

	public TokenRejectedException(String message) {
		super(message);
	}

}
