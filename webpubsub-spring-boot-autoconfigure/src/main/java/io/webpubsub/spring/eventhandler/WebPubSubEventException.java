package io.webpubsub.spring.eventhandler;

import java.util.Set;

/**
 * Thrown by a listener to reject a {@code connect} or fail a user event with a status and a message that the
 * service relays. The message reaches the client, so it must not contain secrets.
 */
public class WebPubSubEventException extends RuntimeException {

	private static final Set<Integer> ALLOWED_STATUSES = Set.of(400, 401, 403, 500);

	private final int status;

	/**
	 * Creates an exception with the status the service receives.
	 * @param status 400, 401, 403 or 500
	 * @param message the reason, returned to the service as plain text
	 * @throws IllegalArgumentException for any other status
	 */
	public WebPubSubEventException(int status, String message) {
		super(message);
		if (!ALLOWED_STATUSES.contains(status)) {
			throw new IllegalArgumentException("'status' value " + status + " is not supported: use 400, 401, 403 "
					+ "or 500, the statuses Web PubSub relays to clients");
		}
		this.status = status;
	}

	/** Returns the HTTP status of the response. */
	public int getStatus() {
		return this.status;
	}

}
