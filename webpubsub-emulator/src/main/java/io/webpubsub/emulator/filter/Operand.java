package io.webpubsub.emulator.filter;

/**
 * Parsed expression with the span of filter text it came from, which error messages quote.
 * @param expression the parsed expression
 * @param source the whole filter text
 * @param start the 0-based index of the expression's first character
 * @param end the index just after its last character
 */
record Operand(Expression expression, String source, int start, int end) {

	private static final int MAX_EXCERPT_LENGTH = 40;

	ValueType type() {
		return this.expression.type();
	}

	/** Returns the operand's source text, shortened if long. */
	String excerpt() {
		String text = this.source.substring(this.start, this.end);
		return (text.length() > MAX_EXCERPT_LENGTH) ? text.substring(0, MAX_EXCERPT_LENGTH - 3) + "..." : text;
	}

	/**
	 * Returns the operand's source text in single quotes, shortened if long. A string literal already has its quotes,
	 * so it is returned as written.
	 */
	String quoted() {
		String text = excerpt();
		boolean stringLiteral = type() == ValueType.STRING && text.startsWith("'");
		return stringLiteral ? text : "'" + text + "'";
	}

	/** Describes the operand and its type for an error message, as in {@code 'userId' is a string}. */
	String describe() {
		return quoted() + " is " + type().description();
	}

}
