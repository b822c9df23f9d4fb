package io.webpubsub.emulator.filter;

import java.util.Objects;

/**
 * Parsed OData {@code $filter} that selects connections, as the Web PubSub REST API accepts it. Filters compare the
 * identifiers {@code userId}, {@code connectionId}, {@code groups} and {@code protocol} with literals, combine the
 * results with {@code and}, {@code or} and {@code not}, and may call string functions such as {@code startswith}. For
 * example: {@code userId in ('u1', 'u2') and 'g1' in groups}.
 * <p>
 * Parsing checks the syntax, the operand types and the limits: at most 4096 characters, 100 clauses and 50 levels of
 * nesting. Instances are immutable and safe to share between threads.
 */
public final class ConnectionFilter {

	private static final ConnectionFilter MATCH_ALL = new ConnectionFilter("", Expression.Literal.TRUE);

	private final String source;

	private final Expression condition;

	private ConnectionFilter(String source, Expression condition) {
		this.source = source;
		this.condition = condition;
	}

	/**
	 * Parses a filter. Empty or blank text is invalid, so use {@link #matchAll()} when the request has no filter.
	 * @param filter the filter text, such as {@code userId eq 'alice'}
	 * @return the parsed filter
	 * @throws FilterSyntaxException if the filter is invalid, with the position of the problem and the expected input
	 */
	public static ConnectionFilter parse(String filter) {
		Objects.requireNonNull(filter, "filter");
		return new ConnectionFilter(filter, Parser.parse(filter));
	}

	/** Returns a filter that matches every connection, for a request without a filter. Its text is empty. */
	public static ConnectionFilter matchAll() {
		return MATCH_ALL;
	}

	/** Evaluates the filter against a connection and returns whether the connection is selected. */
	public boolean matches(FilterTarget target) {
		Objects.requireNonNull(target, "target");
		return this.condition.test(target);
	}

	/** Returns the filter text as it was parsed. */
	@Override
	public String toString() {
		return this.source;
	}

}
