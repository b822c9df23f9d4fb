package io.webpubsub.emulator.filter;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Comparison operator. Strings compare ordinally by UTF-16 code unit, so the comparison is case-sensitive. {@code eq}
 * and {@code ne} treat {@code null} as a value. The ordering operators are false when either side is {@code null}.
 */
enum ComparisonOperator {

	EQ("eq"),

	NE("ne"),

	GT("gt"),

	GE("ge"),

	LT("lt"),

	LE("le");

	private final String keyword;

	ComparisonOperator(String keyword) {
		this.keyword = keyword;
	}

	String keyword() {
		return this.keyword;
	}

	/** Returns whether the operator orders its operands, which only strings and integers support. */
	boolean isOrdering() {
		return this != EQ && this != NE;
	}

	/** Returns the operator that the token spells, ignoring case, or {@code null} if it is not an operator. */
	static @Nullable ComparisonOperator find(Token token) {
		for (ComparisonOperator operator : values()) {
			if (token.isKeyword(operator.keyword)) {
				return operator;
			}
		}
		return null;
	}

	/** Applies the operator to two values whose types the parser has already checked. */
	boolean apply(@Nullable Object left, @Nullable Object right) {
		if (this == EQ) {
			return Objects.equals(left, right);
		}
		if (this == NE) {
			return !Objects.equals(left, right);
		}
		if (left == null || right == null) {
			return false;
		}
		int order = compare(left, right);
		return switch (this) {
			case GT -> order > 0;
			case GE -> order >= 0;
			case LT -> order < 0;
			default -> order <= 0;
		};
	}

	private static int compare(Object left, Object right) {
		if (left instanceof String leftString && right instanceof String rightString) {
			return leftString.compareTo(rightString);
		}
		if (left instanceof Long leftNumber && right instanceof Long rightNumber) {
			return Long.compare(leftNumber, rightNumber);
		}
		throw new IllegalStateException("Cannot order " + left.getClass().getSimpleName() + " and "
				+ right.getClass().getSimpleName() + "; the parser accepts ordering only on strings and integers");
	}

}
