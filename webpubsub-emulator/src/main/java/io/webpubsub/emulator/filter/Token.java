package io.webpubsub.emulator.filter;

/**
 * Token of the filter text.
 * @param kind the token's kind
 * @param position the 0-based index of its first character
 * @param text the source text, with the quotes of a string literal
 * @param value the content of a string literal without quotes and escapes, otherwise the same as {@code text}
 */
record Token(Kind kind, int position, String text, String value) {

	private static final int MAX_DESCRIBED_LENGTH = 40;

	enum Kind {
		/** A name: an identifier, a function name, a keyword or an operator such as {@code eq}. */
		WORD,
		STRING,
		INTEGER,
		OPEN_PAREN,
		CLOSE_PAREN,
		COMMA,
		END
	}

	/** Returns the index just after the token's last character. */
	int end() {
		return this.position + this.text.length();
	}

	/** Returns whether this is a word equal to the keyword, ignoring case. */
	boolean isKeyword(String keyword) {
		return this.kind == Kind.WORD && this.text.equalsIgnoreCase(keyword);
	}

	/** Describes the token for the "found ..." part of an error message. */
	String describe() {
		if (this.kind == Kind.END) {
			return "end of filter";
		}
		String truncated = (this.text.length() > MAX_DESCRIBED_LENGTH)
				? this.text.substring(0, MAX_DESCRIBED_LENGTH - 3) + "..." : this.text;
		return (this.kind == Kind.STRING) ? "string " + truncated : "'" + truncated + "'";
	}

}
