package io.webpubsub.spring.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Options of a close of several connections: connection ids to keep open and the reason clients and the
 * {@code disconnected} event receive. Instances are immutable, and each method returns a copy.
 */
public final class CloseOptions {

	private static final CloseOptions NONE = new CloseOptions(List.of(), null);

	private final List<String> excludedConnectionIds;

	private final @Nullable String reason;

	private CloseOptions(List<String> excludedConnectionIds, @Nullable String reason) {
		this.excludedConnectionIds = excludedConnectionIds;
		this.reason = reason;
	}

	/** Returns options that set nothing. */
	public static CloseOptions none() {
		return NONE;
	}

	/** Returns a copy that keeps the given connection ids open. */
	public CloseOptions excluding(Collection<String> connectionIds) {
		Objects.requireNonNull(connectionIds, "'connectionIds' must not be null");
		List<String> excluded = new ArrayList<>(this.excludedConnectionIds);
		for (String connectionId : connectionIds) {
			excluded.add(Arguments.requireNonBlank("excluded connection id", connectionId));
		}
		return new CloseOptions(List.copyOf(excluded), this.reason);
	}

	/** Returns a copy that keeps the given connection ids open. */
	public CloseOptions excluding(String... connectionIds) {
		return excluding(List.of(connectionIds));
	}

	/** Returns a copy with the reason that clients and the {@code disconnected} event receive. */
	public CloseOptions reason(String reason) {
		return new CloseOptions(this.excludedConnectionIds, Arguments.requireNonBlank("reason", reason));
	}

	/** Returns the connection ids that stay open. */
	public List<String> getExcludedConnectionIds() {
		return this.excludedConnectionIds;
	}

	/** Returns the close reason, or {@code null} for the service's default. */
	public @Nullable String getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "CloseOptions[excluded=" + this.excludedConnectionIds + ", reason=" + this.reason + "]";
	}

}
