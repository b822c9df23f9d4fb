package io.webpubsub.emulator.filter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Recursive-descent parser that turns filter text into a type-checked {@link Expression}. The grammar, from the lowest
 * precedence to the highest, is:
 *
 * <pre>
 * filter     = or END
 * or         = and *("or" and)
 * and        = comparison *("and" comparison)
 * comparison = unary *(("eq" / "ne" / "gt" / "ge" / "lt" / "le") unary / "in" (list / unary))
 * list       = "(" literal *("," literal) ")"
 * unary      = "not" unary / primary
 * primary    = literal / identifier / function "(" [or *("," or)] ")" / "(" or ")"
 * </pre>
 *
 * Keywords, identifiers and function names match in any letter case. The parser also enforces the
 * {@link FilterLimits}, which bound its recursion depth as well as the work of evaluation.
 */
final class Parser {

	private static final String EXPECTED_VALUE = "expected a value (an identifier, a literal, a function call or '(')";

	private static final Set<String> OPERATOR_KEYWORDS = Set.of("and", "or", "not", "in", "eq", "ne", "gt", "ge", "lt",
			"le");

	private final String source;

	private final List<Token> tokens;

	private int next;

	private int depth;

	private int clauses;

	private Parser(String source) {
		this.source = source;
		this.tokens = Lexer.tokenize(source);
	}

	/**
	 * Parses filter text into a boolean expression.
	 * @throws FilterSyntaxException if the text is invalid or exceeds a {@link FilterLimits limit}
	 */
	static Expression parse(String source) {
		if (source.length() > FilterLimits.MAX_LENGTH) {
			throw new FilterSyntaxException(FilterLimits.MAX_LENGTH, "the filter is " + source.length()
					+ " characters long, but the maximum is " + FilterLimits.MAX_LENGTH);
		}
		return new Parser(source).parseFilter();
	}

	private Expression parseFilter() {
		Operand root = parseOr();
		Token token = peek();
		if (token.kind() != Token.Kind.END) {
			String expected = (root.type() == ValueType.BOOLEAN) ? "'and', 'or' or end of filter"
					: "a comparison operator (eq, ne, gt, ge, lt, le) or 'in'";
			throw error(token, "expected " + expected + " but found " + token.describe());
		}
		return TypeChecks.requireBooleanFilter(root);
	}

	private Operand parseOr() {
		return parseLogical("or", this::parseAnd);
	}

	private Operand parseAnd() {
		return parseLogical("and", this::parseComparison);
	}

	private Operand parseLogical(String keyword, Supplier<Operand> parseOperand) {
		Operand first = parseOperand.get();
		if (!peek().isKeyword(keyword)) {
			return first;
		}
		List<Expression> operands = new ArrayList<>();
		operands.add(TypeChecks.requireBooleanOperand(first, keyword));
		Operand last = first;
		while (peek().isKeyword(keyword)) {
			advance();
			last = parseOperand.get();
			operands.add(TypeChecks.requireBooleanOperand(last, keyword));
		}
		return operand(new Expression.Logical(keyword.equals("and"), operands), first.start(), last.end());
	}

	private Operand parseComparison() {
		Operand left = parseUnary();
		while (true) {
			Token token = peek();
			ComparisonOperator operator = ComparisonOperator.find(token);
			if (operator != null) {
				advance();
				countClause(token);
				Operand right = parseUnary();
				TypeChecks.checkComparable(token, operator, left, right);
				Expression comparison = new Expression.Comparison(operator, left.expression(), right.expression());
				left = operand(comparison, left.start(), right.end());
			}
			else if (token.isKeyword("in")) {
				advance();
				countClause(token);
				left = (peek().kind() == Token.Kind.OPEN_PAREN) ? parseInList(left) : parseInCollection(left);
			}
			else {
				return left;
			}
		}
	}

	private Operand parseInCollection(Operand element) {
		Operand collection = parseUnary();
		TypeChecks.checkInCollection(element, collection);
		Expression test = new Expression.InCollection(element.expression(), collection.expression());
		return operand(test, element.start(), collection.end());
	}

	private Operand parseInList(Operand operand) {
		TypeChecks.checkInListOperand(operand);
		advance();
		ValueType elementType = operand.type();
		Set<Object> values = new HashSet<>();
		boolean containsNull = false;
		while (true) {
			Token item = advance();
			Expression.Literal literal = toLiteral(item);
			if (literal == null) {
				throw error(item, "expected a literal in the 'in' list but found " + item.describe());
			}
			TypeChecks.checkListItem(item, literal, elementType);
			if (literal.type() == ValueType.NULL) {
				containsNull = true;
			}
			else {
				elementType = literal.type();
				values.add(literal.value());
			}
			Token separator = advance();
			if (separator.kind() == Token.Kind.CLOSE_PAREN) {
				Expression test = new Expression.InList(operand.expression(), values, containsNull);
				return operand(test, operand.start(), separator.end());
			}
			if (separator.kind() != Token.Kind.COMMA) {
				throw error(separator, "expected ',' or ')' in the 'in' list but found " + separator.describe());
			}
		}
	}

	private Operand parseUnary() {
		Token token = peek();
		if (!token.isKeyword("not")) {
			return parsePrimary();
		}
		advance();
		enter(token);
		Operand operand = parseUnary();
		this.depth--;
		Expression negated = TypeChecks.requireNegatable(token, operand);
		return operand(new Expression.Negation(negated), token.position(), operand.end());
	}

	private Operand parsePrimary() {
		Token token = advance();
		return switch (token.kind()) {
			case OPEN_PAREN -> parseParenthesized(token);
			case WORD -> parseWord(token);
			case STRING, INTEGER -> operand(literalOf(token), token.position(), token.end());
			default -> throw error(token, EXPECTED_VALUE + " but found " + token.describe());
		};
	}

	private Operand parseParenthesized(Token open) {
		enter(open);
		Operand inner = parseOr();
		Token close = advance();
		if (close.kind() != Token.Kind.CLOSE_PAREN) {
			throw error(close, "expected ')' to close the '(' at position " + open.position() + " but found "
					+ close.describe());
		}
		this.depth--;
		return operand(inner.expression(), open.position(), close.end());
	}

	private Operand parseWord(Token word) {
		Expression.Literal literal = toLiteral(word);
		if (literal != null) {
			return operand(literal, word.position(), word.end());
		}
		if (OPERATOR_KEYWORDS.contains(word.text().toLowerCase(Locale.ROOT))) {
			throw error(word, EXPECTED_VALUE + " but found " + word.describe());
		}
		if (peek().kind() == Token.Kind.OPEN_PAREN) {
			return parseFunctionCall(word);
		}
		Property property = Property.find(word.text());
		if (property == null) {
			throw error(word, "unknown identifier '" + word.text() + "'; valid identifiers are "
					+ Property.listIdentifiers());
		}
		return operand(new Expression.PropertyAccess(property), word.position(), word.end());
	}

	private Operand parseFunctionCall(Token name) {
		FilterFunction function = FilterFunction.find(name.text());
		if (function == null) {
			throw error(name, "unknown function '" + name.text() + "'; valid functions are "
					+ FilterFunction.listNames());
		}
		if (function.resultType() == ValueType.BOOLEAN) {
			countClause(name);
		}
		enter(name);
		advance();
		List<Operand> arguments = new ArrayList<>();
		Token close = peek();
		if (close.kind() == Token.Kind.CLOSE_PAREN) {
			advance();
		}
		else {
			close = parseArguments(function, arguments);
		}
		this.depth--;
		TypeChecks.checkArguments(name, function, arguments);
		List<Expression> expressions = arguments.stream().map(Operand::expression).toList();
		return operand(new Expression.FunctionCall(function, expressions), name.position(), close.end());
	}

	/** Parses comma-separated arguments into the list and returns the closing parenthesis. */
	private Token parseArguments(FilterFunction function, List<Operand> arguments) {
		while (true) {
			arguments.add(parseOr());
			Token separator = advance();
			if (separator.kind() == Token.Kind.CLOSE_PAREN) {
				return separator;
			}
			if (separator.kind() != Token.Kind.COMMA) {
				throw error(separator, "expected ',' or ')' in the arguments of '" + function.functionName()
						+ "' but found " + separator.describe());
			}
		}
	}

	/** Returns the literal that the token spells, or {@code null} if it is not a literal. */
	private Expression.@Nullable Literal toLiteral(Token token) {
		if (token.kind() == Token.Kind.STRING || token.kind() == Token.Kind.INTEGER) {
			return literalOf(token);
		}
		if (token.isKeyword("true")) {
			return Expression.Literal.TRUE;
		}
		if (token.isKeyword("false")) {
			return new Expression.Literal(ValueType.BOOLEAN, Boolean.FALSE);
		}
		if (token.isKeyword("null")) {
			return new Expression.Literal(ValueType.NULL, null);
		}
		return null;
	}

	private Expression.Literal literalOf(Token token) {
		if (token.kind() == Token.Kind.STRING) {
			return new Expression.Literal(ValueType.STRING, token.value());
		}
		try {
			return new Expression.Literal(ValueType.INTEGER, Long.parseLong(token.text()));
		}
		catch (NumberFormatException ex) {
			throw error(token, "integer " + token.text() + " is out of range; integers must be between "
					+ Long.MIN_VALUE + " and " + Long.MAX_VALUE);
		}
	}

	/** Adds a nesting level, which the caller removes after parsing the nested expression. */
	private void enter(Token token) {
		this.depth++;
		if (this.depth > FilterLimits.MAX_DEPTH) {
			throw error(token, "the filter is nested more than " + FilterLimits.MAX_DEPTH
					+ " levels deep; each parenthesized expression, function call and 'not' adds a level");
		}
	}

	private void countClause(Token token) {
		this.clauses++;
		if (this.clauses > FilterLimits.MAX_CLAUSES) {
			throw error(token, "the filter has more than " + FilterLimits.MAX_CLAUSES
					+ " clauses; each comparison, 'in' test and boolean function call is a clause");
		}
	}

	private Token peek() {
		return this.tokens.get(this.next);
	}

	/** Returns the next token and moves past it, staying on the end token once reached. */
	private Token advance() {
		Token token = this.tokens.get(this.next);
		if (token.kind() != Token.Kind.END) {
			this.next++;
		}
		return token;
	}

	private Operand operand(Expression expression, int start, int end) {
		return new Operand(expression, this.source, start, end);
	}

	private static FilterSyntaxException error(Token token, String detail) {
		return new FilterSyntaxException(token.position(), detail);
	}

}
