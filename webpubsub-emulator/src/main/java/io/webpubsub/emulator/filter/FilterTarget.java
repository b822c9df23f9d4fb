package io.webpubsub.emulator.filter;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Connection that a {@link ConnectionFilter} is evaluated against. Each method backs the filter identifier of the same
 * name, which filters may spell in any letter case.
 */
public interface FilterTarget {

	/** Returns the user the connection belongs to, or {@code null} for a connection without a user. */
	@Nullable String userId();

	/** Returns the connection's id. */
	String connectionId();

	/** Returns the names of the groups the connection is in, compared case-sensitively. */
	Set<String> groups();

	/** Returns the WebSocket subprotocol the connection negotiated, or {@code null} if it has none. */
	@Nullable String protocol();

}
