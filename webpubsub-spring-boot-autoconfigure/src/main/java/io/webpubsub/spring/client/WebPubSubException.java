package io.webpubsub.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * Failure of a Web PubSub REST operation. Either the service responded with a status other than 2xx, or no
 * response arrived after every retry. It carries the HTTP status, the service's error code and message, and the
 * operation, and never an access key or a token.
 */
public class WebPubSubException extends RuntimeException {

	private final String operation;

	private final int statusCode;

	private final @Nullable String errorCode;

	private final @Nullable String serviceMessage;

	/**
	 * Creates an exception for a response with a status other than 2xx.
	 * @param operation the client operation, such as {@code sendToAll}
	 * @param statusCode the HTTP status of the response
	 * @param errorCode the service's error code, from the {@code code} field of the body or the
	 * {@code x-ms-error-code} header
	 * @param serviceMessage the service's message, from the {@code message} field of the body
	 */
	public WebPubSubException(String operation, int statusCode, @Nullable String errorCode,
			@Nullable String serviceMessage) {
		super(describe(operation, statusCode, errorCode, serviceMessage));
		this.operation = operation;
		this.statusCode = statusCode;
		this.errorCode = errorCode;
		this.serviceMessage = serviceMessage;
	}

	/**
	 * Creates an exception for a request that got no response.
	 * @param operation the client operation, such as {@code sendToAll}
	 * @param message what failed and what to check
	 * @param cause the I/O failure of the last attempt
	 */
	public WebPubSubException(String operation, String message, Throwable cause) {
		super(operation + " failed: " + message, cause);
		this.operation = operation;
		this.statusCode = 0;
		this.errorCode = null;
		this.serviceMessage = null;
	}

	/** Returns the client operation that failed, such as {@code sendToAll}. */
	public String getOperation() {
		return this.operation;
	}

	/** Returns the HTTP status of the response, or 0 when no response arrived. */
	public int getStatusCode() {
		return this.statusCode;
	}

	/** Returns the service's error code, or {@code null} when the response had none. */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	/** Returns the service's error message, or {@code null} when the response had none. */
	public @Nullable String getServiceMessage() {
		return this.serviceMessage;
	}

	private static String describe(String operation, int statusCode, @Nullable String errorCode,
			@Nullable String serviceMessage) {
		StringBuilder description = new StringBuilder(operation).append(" failed with HTTP ").append(statusCode);
		if (errorCode != null) {
			description.append(" (").append(errorCode).append(')');
		}
		if (serviceMessage != null && !serviceMessage.isBlank()) {
			description.append(": ").append(serviceMessage);
		}
		else if (statusCode == 401 || statusCode == 403) {
			description.append(": check that the access key belongs to this Web PubSub resource");
		}
		return description.toString();
	}

}
