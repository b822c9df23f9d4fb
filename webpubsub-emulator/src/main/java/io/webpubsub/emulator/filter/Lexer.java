package io.webpubsub.emulator.filter;

import java.util.ArrayList;
import java.util.List;

/** Splits filter text into tokens. The last token is always {@link Token.Kind#END}. */
final class Lexer {

	private final String source;

	private final List<Token> tokens = new ArrayList<>();

	private int index;

	private Lexer(String source) {
		this.source = source;
	}

	/**
	 * Splits the text into tokens.
	 * @throws FilterSyntaxException for an unterminated string, a malformed number or a character that starts no token
	 */
	static List<Token> tokenize(String source) {
		Lexer lexer = new Lexer(source);
		lexer.readAll();
		return lexer.tokens;
	}

	private void readAll() {
		while (true) {
			skipWhitespace();
			if (this.index >= this.source.length()) {
				this.tokens.add(new Token(Token.Kind.END, this.index, "", ""));
				return;
			}
			char current = this.source.charAt(this.index);
			switch (current) {
				case '(' -> readSingle(Token.Kind.OPEN_PAREN);
				case ')' -> readSingle(Token.Kind.CLOSE_PAREN);
				case ',' -> readSingle(Token.Kind.COMMA);
				case '\'' -> readString();
				default -> readOther(current);
			}
		}
	}

	private void readOther(char current) {
		if (current == '-' || isDigit(current)) {
			readInteger();
		}
		else if (isWordStart(current)) {
			readWord();
		}
		else {
			throw unexpectedCharacter();
		}
	}

	private void skipWhitespace() {
		while (this.index < this.source.length() && Character.isWhitespace(this.source.charAt(this.index))) {
			this.index++;
		}
	}

	private void readSingle(Token.Kind kind) {
		String text = String.valueOf(this.source.charAt(this.index));
		this.tokens.add(new Token(kind, this.index, text, text));
		this.index++;
	}

	/** Reads a single-quoted string, in which two single quotes are an escaped quote. */
	private void readString() {
		int start = this.index;
		StringBuilder value = new StringBuilder();
		int cursor = start + 1;
		while (true) {
			int quote = this.source.indexOf('\'', cursor);
			if (quote < 0) {
				throw new FilterSyntaxException(start,
						"unterminated string literal; end it with ' and write '' for a quote inside it");
			}
			value.append(this.source, cursor, quote);
			boolean escapedQuote = quote + 1 < this.source.length() && this.source.charAt(quote + 1) == '\'';
			if (!escapedQuote) {
				this.index = quote + 1;
				this.tokens.add(new Token(Token.Kind.STRING, start, this.source.substring(start, this.index),
						value.toString()));
				return;
			}
			value.append('\'');
			cursor = quote + 2;
		}
	}

	private void readInteger() {
		int start = this.index;
		if (this.source.charAt(this.index) == '-') {
			this.index++;
			if (this.index >= this.source.length() || !isDigit(this.source.charAt(this.index))) {
				throw new FilterSyntaxException(start, "expected a digit after '-'");
			}
		}
		while (this.index < this.source.length() && isDigit(this.source.charAt(this.index))) {
			this.index++;
		}
		if (this.index < this.source.length() && this.source.charAt(this.index) == '.') {
			throw new FilterSyntaxException(start, "decimal numbers are not supported; expected an integer");
		}
		String text = this.source.substring(start, this.index);
		this.tokens.add(new Token(Token.Kind.INTEGER, start, text, text));
	}

	private void readWord() {
		int start = this.index;
		while (this.index < this.source.length() && isWordPart(this.source.charAt(this.index))) {
			this.index++;
		}
		String text = this.source.substring(start, this.index);
		this.tokens.add(new Token(Token.Kind.WORD, start, text, text));
	}

	private FilterSyntaxException unexpectedCharacter() {
		int codePoint = this.source.codePointAt(this.index);
		if (codePoint == '"') {
			return new FilterSyntaxException(this.index,
					"unexpected character '\"'; string literals use single quotes");
		}
		String displayed = Character.isISOControl(codePoint) ? String.format("U+%04X", codePoint)
				: "'" + Character.toString(codePoint) + "'";
		return new FilterSyntaxException(this.index, "unexpected character " + displayed
				+ "; expected an identifier, a function name, a keyword, a literal, '(', ')' or ','");
	}

	private static boolean isDigit(char character) {
		return character >= '0' && character <= '9';
	}

	private static boolean isWordStart(char character) {
		return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') || character == '_';
	}

	private static boolean isWordPart(char character) {
		return isWordStart(character) || isDigit(character);
	}

}
