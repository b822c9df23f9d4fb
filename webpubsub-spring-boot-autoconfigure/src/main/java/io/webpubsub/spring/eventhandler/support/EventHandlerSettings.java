package io.webpubsub.spring.eventhandler.support;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Settings of the event handler's checks.
 *
 * @param allowedOrigins hosts the abuse protection handshake allows, where {@code *} allows any
 * @param signatureVerifier the verifier of {@code ce-signature}, or {@code null} to accept unsigned requests
 * @param maxBodySize the largest request body accepted, in bytes
 * @param dumpRequests whether to log each request, with signatures and tokens masked
 */
public record EventHandlerSettings(List<String> allowedOrigins, @Nullable SignatureVerifier signatureVerifier,
		long maxBodySize, boolean dumpRequests) {

	/**
	 * Creates settings, validating each value.
	 * @throws IllegalArgumentException if no origin is allowed or the body size is not positive
	 */
	public EventHandlerSettings {
		allowedOrigins = List.copyOf(allowedOrigins);
		if (allowedOrigins.isEmpty()) {
			throw new IllegalArgumentException("At least one allowed origin, or '*', is required");
		}
		if (maxBodySize <= 0) {
			throw new IllegalArgumentException("'maxBodySize' value " + maxBodySize + " is not positive");
		}
	}

}
