package io.webpubsub.spring.eventhandler.support;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The webhook validation handshake. Before it sends events, the service sends {@code OPTIONS} with
 * {@code WebHook-Request-Origin}, and the handler allows it by responding with {@code WebHook-Allowed-Origin}. The
 * origin header may list several hosts separated by commas and spaces, and the request is allowed when any of them
 * is allowed.
 */
public final class AbuseProtection {

	static final String REQUEST_ORIGIN = "WebHook-Request-Origin";

	static final String ALLOWED_ORIGIN = "WebHook-Allowed-Origin";

	private static final String ANY = "*";

	private final Set<String> allowedOrigins;

	private final boolean allowsAny;

	/**
	 * Creates the check for the given hosts, matched case-insensitively, where {@code *} allows any host.
	 * @throws IllegalArgumentException if no host is given
	 */
	public AbuseProtection(Collection<String> allowedOrigins) {
		if (allowedOrigins.isEmpty()) {
			throw new IllegalArgumentException("At least one allowed origin, or '*', is required");
		}
		Set<String> origins = new LinkedHashSet<>();
		for (String origin : allowedOrigins) {
			origins.add(origin.trim().toLowerCase(Locale.ROOT));
		}
		this.allowedOrigins = Set.copyOf(origins);
		this.allowsAny = origins.contains(ANY);
	}

	/** Returns the response to a validation request. */
	EventResponse validate(EventRequest request) {
		String requestOrigin = request.header(REQUEST_ORIGIN);
		if (requestOrigin == null || requestOrigin.isBlank()) {
			return EventResponse.text(400, "Missing header '" + REQUEST_ORIGIN + "': this endpoint answers only the "
					+ "Web PubSub abuse protection handshake");
		}
		String allowed = firstAllowed(requestOrigin);
		if (allowed == null) {
			return EventResponse.text(400, "Origin '" + requestOrigin.trim() + "' is not allowed: add it to "
					+ "'webpubsub.event-handler.allowed-origins'");
		}
		return EventResponse.empty(200).withHeader(ALLOWED_ORIGIN, allowed).withHeader("Allow", "POST, OPTIONS");
	}

	private @Nullable String firstAllowed(String requestOrigin) {
		for (String origin : requestOrigin.split("[,\\s]+")) {
			if (origin.isEmpty()) {
				continue;
			}
			if (this.allowsAny || this.allowedOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
				return origin;
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return "AbuseProtection[allowedOrigins=" + this.allowedOrigins + "]";
	}

}
