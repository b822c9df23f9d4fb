package io.webpubsub.emulator.filter;

/** Limits that bound the work of parsing and evaluating one filter. */
final class FilterLimits {

	/** Maximum length of the filter text, in characters. */
	static final int MAX_LENGTH = 4096;

	/** Maximum number of comparisons, {@code in} tests and boolean function calls. */
	static final int MAX_CLAUSES = 100;

	/** Maximum nesting depth. Each parenthesized expression, function call and {@code not} adds one level. */
	static final int MAX_DEPTH = 50;

	private FilterLimits() {
	}

}
