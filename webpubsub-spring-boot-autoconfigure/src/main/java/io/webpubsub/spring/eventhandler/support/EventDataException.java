package io.webpubsub.spring.eventhandler.support;

/**
 * The body of an event cannot become what the listener declared: a {@code connect} body that is not the expected
 * JSON, or user event data that Jackson cannot bind. The service receives 400 with the message.
 */
class EventDataException extends RuntimeException {

	EventDataException(String message, Throwable cause) {
		super(message, cause);
	}

	EventDataException(String message) {
		super(message);
	}

}
