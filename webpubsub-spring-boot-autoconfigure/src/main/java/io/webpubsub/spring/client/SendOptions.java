package io.webpubsub.spring.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Options of a send: an OData filter on the receiving connections, connection ids to leave out, and a time to live.
 * Instances are immutable, and each method returns a copy.
 * <p>
 * Not every send takes every option: a send to a user takes no excluded ids, and a send to one connection takes
 * only the time to live. The client rejects an option the operation does not support before sending anything.
 */
public final class SendOptions {

	private static final SendOptions NONE = new SendOptions(null, List.of(), null);

	private final @Nullable String filter;

	private final List<String> excludedConnectionIds;

	private final @Nullable Integer messageTtlSeconds;

	private SendOptions(@Nullable String filter, List<String> excludedConnectionIds,
			@Nullable Integer messageTtlSeconds) {
		this.filter = filter;
		this.excludedConnectionIds = excludedConnectionIds;
		this.messageTtlSeconds = messageTtlSeconds;
	}

	/** Returns options that set nothing. */
	public static SendOptions none() {
		return NONE;
	}

	/**
	 * Returns a copy that delivers only to connections matching an OData filter, such as
	 * {@code userId ne 'bob' and 'lobby' in groups}.
	 */
	public SendOptions filter(String filter) {
		Arguments.requireNonBlank("filter", filter);
		return new SendOptions(filter, this.excludedConnectionIds, this.messageTtlSeconds);
	}

	/** Returns a copy that leaves out the given connection ids. */
	public SendOptions excluding(Collection<String> connectionIds) {
		Objects.requireNonNull(connectionIds, "'connectionIds' must not be null");
		List<String> excluded = new ArrayList<>(this.excludedConnectionIds);
		for (String connectionId : connectionIds) {
			excluded.add(Arguments.requireNonBlank("excluded connection id", connectionId));
		}
		return new SendOptions(this.filter, List.copyOf(excluded), this.messageTtlSeconds);
	}

	/** Returns a copy that leaves out the given connection ids. */
	public SendOptions excluding(String... connectionIds) {
		return excluding(List.of(connectionIds));
	}

	/**
	 * Returns a copy whose message the service drops when it cannot deliver it within the given number of seconds,
	 * from 0 (never expires, the default) to 300.
	 */
	public SendOptions messageTtlSeconds(int seconds) {
		return new SendOptions(this.filter, this.excludedConnectionIds, Arguments.requireTtl(seconds));
	}

	/** Returns the OData filter, or {@code null} when every connection receives the message. */
	public @Nullable String getFilter() {
		return this.filter;
	}

	/** Returns the connection ids that do not receive the message. */
	public List<String> getExcludedConnectionIds() {
		return this.excludedConnectionIds;
	}

	/** Returns the time to live in seconds, or {@code null} when not set. */
	public @Nullable Integer getMessageTtlSeconds() {
		return this.messageTtlSeconds;
	}

	@Override
	public String toString() {
		return "SendOptions[filter=" + this.filter + ", excluded=" + this.excludedConnectionIds
				+ ", messageTtlSeconds=" + this.messageTtlSeconds + "]";
	}

}
