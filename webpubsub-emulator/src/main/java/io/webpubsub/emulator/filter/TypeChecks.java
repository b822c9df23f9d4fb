package io.webpubsub.emulator.filter;

import java.util.List;
import java.util.Set;

/**
 * Operand type rules that the parser enforces, so that evaluation never meets a value of the wrong type. Each check
 * throws a {@link FilterSyntaxException} that names the operand and its type.
 */
final class TypeChecks {

	private TypeChecks() {
	}

	/** Checks that the whole filter is a boolean expression. */
	static Expression requireBooleanFilter(Operand root) {
		if (root.type() != ValueType.BOOLEAN) {
			throw new FilterSyntaxException(root.start(), "the filter must be a boolean expression, but "
					+ root.describe() + "; compare it with a value, as in userId eq 'alice'");
		}
		return root.expression();
	}

	/** Checks that an operand of {@code and} or {@code or} is boolean. */
	static Expression requireBooleanOperand(Operand operand, String keyword) {
		if (operand.type() != ValueType.BOOLEAN) {
			throw new FilterSyntaxException(operand.start(),
					"'" + keyword + "' needs boolean operands, but " + operand.describe());
		}
		return operand.expression();
	}

	/** Checks the operand of {@code not}, which binds tighter than comparisons. */
	static Expression requireNegatable(Token not, Operand operand) {
		if (operand.type() != ValueType.BOOLEAN) {
			throw error(not, "'not' needs a boolean operand, but " + operand.describe()
					+ "; 'not' binds tighter than comparisons, so put a comparison in parentheses: not (...)");
		}
		return operand.expression();
	}

	/**
	 * Checks that the operator accepts both operands. Collections compare with nothing, booleans only with {@code eq}
	 * and {@code ne}, and other types only with the same type or {@code null}.
	 */
	static void checkComparable(Token token, ComparisonOperator operator, Operand left, Operand right) {
		String keyword = "'" + operator.keyword() + "'";
		for (Operand operand : List.of(left, right)) {
			if (operand.type() == ValueType.COLLECTION) {
				throw error(token, keyword + " cannot compare " + operand.quoted()
						+ ", which is a collection; to test membership, write 'name' in " + operand.excerpt());
			}
		}
		boolean booleans = left.type() == ValueType.BOOLEAN || right.type() == ValueType.BOOLEAN;
		if (operator.isOrdering() && booleans) {
			throw error(token, keyword + " cannot order booleans; use eq or ne");
		}
		boolean hasNull = left.type() == ValueType.NULL || right.type() == ValueType.NULL;
		if (!hasNull && left.type() != right.type()) {
			throw error(token, keyword + " cannot compare " + left.quoted() + ", which is "
					+ left.type().description() + ", with " + right.quoted() + ", which is "
					+ right.type().description());
		}
	}

	/** Checks a membership test such as {@code 'g1' in groups}. */
	static void checkInCollection(Operand element, Operand collection) {
		if (collection.type() != ValueType.COLLECTION) {
			throw new FilterSyntaxException(collection.start(), "expected a collection such as groups or a list in "
					+ "parentheses after 'in', but " + collection.describe());
		}
		if (element.type() != ValueType.STRING && element.type() != ValueType.NULL) {
			throw new FilterSyntaxException(element.start(),
					"'in " + collection.excerpt() + "' needs a string on its left, but " + element.describe());
		}
	}

	/** Checks the left operand of a test against a literal list, such as {@code userId in ('u1', 'u2')}. */
	static void checkInListOperand(Operand operand) {
		if (operand.type() == ValueType.COLLECTION) {
			throw new FilterSyntaxException(operand.start(), operand.quoted()
					+ " is a collection and cannot be looked up in a list; to test membership, write 'name' in "
					+ operand.excerpt());
		}
	}

	/**
	 * Checks that a literal in an {@code in} list has the type of the list's other values.
	 * @param expectedType the type of the earlier values, or {@link ValueType#NULL} if there are none yet
	 */
	static void checkListItem(Token item, Expression.Literal literal, ValueType expectedType) {
		boolean matches = literal.type() == ValueType.NULL || expectedType == ValueType.NULL
				|| literal.type() == expectedType;
		if (!matches) {
			String found = (item.kind() == Token.Kind.STRING) ? item.describe()
					: item.describe() + ", which is " + literal.type().description();
			throw error(item, "expected " + expectedType.description() + " in the 'in' list but found " + found);
		}
	}

	/** Checks the number and the types of a function's arguments. {@code null} is accepted for any argument. */
	static void checkArguments(Token name, FilterFunction function, List<Operand> arguments) {
		int min = function.minArguments();
		int max = function.maxArguments();
		if (arguments.size() < min || arguments.size() > max) {
			String expected = (min == max) ? min + ((min == 1) ? " argument" : " arguments")
					: min + " or " + max + " arguments";
			throw error(name, "function '" + function.functionName() + "' takes " + expected + " but was given "
					+ arguments.size());
		}
		for (int i = 0; i < arguments.size(); i++) {
			Operand argument = arguments.get(i);
			Set<ValueType> accepted = function.parameterTypes(i);
			if (argument.type() != ValueType.NULL && !accepted.contains(argument.type())) {
				String expected = String.join(" or ", accepted.stream().map(ValueType::description).toList());
				throw new FilterSyntaxException(argument.start(), "argument " + (i + 1) + " of '"
						+ function.functionName() + "' must be " + expected + ", but " + argument.describe());
			}
		}
	}

	private static FilterSyntaxException error(Token token, String detail) {
		return new FilterSyntaxException(token.position(), detail);
	}

}
