package io.webpubsub.emulator.filter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Node of a parsed filter. The parser checks operand types, so evaluation only casts. Values are {@link String},
 * {@link Long}, {@link Boolean}, a {@link Set} of strings or {@code null}. Expressions of type
 * {@link ValueType#BOOLEAN} never evaluate to {@code null}.
 */
sealed interface Expression {

	/** Returns the static type of the value that {@link #evaluate} returns. */
	ValueType type();

	@Nullable Object evaluate(FilterTarget target);

	/** Evaluates a boolean expression. */
	default boolean test(FilterTarget target) {
		return Boolean.TRUE.equals(evaluate(target));
	}

	/** Literal value: a string, an integer, {@code true}, {@code false} or {@code null}. */
	record Literal(ValueType type, @Nullable Object value) implements Expression {

		static final Literal TRUE = new Literal(ValueType.BOOLEAN, Boolean.TRUE);

		@Override
		public @Nullable Object evaluate(FilterTarget target) {
			return this.value;
		}

	}

	/** Identifier that reads a property of the connection. */
	record PropertyAccess(Property property) implements Expression {

		@Override
		public ValueType type() {
			return this.property.type();
		}

		@Override
		public @Nullable Object evaluate(FilterTarget target) {
			return this.property.read(target);
		}

	}

	/** Comparison such as {@code userId eq 'alice'}. */
	record Comparison(ComparisonOperator operator, Expression left, Expression right) implements Expression {

		@Override
		public ValueType type() {
			return ValueType.BOOLEAN;
		}

		@Override
		public Object evaluate(FilterTarget target) {
			return this.operator.apply(this.left.evaluate(target), this.right.evaluate(target));
		}

	}

	/**
	 * Test of a value against a list of literals, such as {@code userId in ('u1', 'u2')}.
	 * @param operand the value to look up
	 * @param values the non-null literals of the list
	 * @param containsNull whether the list contains {@code null}, which matches a {@code null} operand
	 */
	record InList(Expression operand, Set<Object> values, boolean containsNull) implements Expression {

		public InList {
			values = Set.copyOf(values);
		}

		@Override
		public ValueType type() {
			return ValueType.BOOLEAN;
		}

		@Override
		public Object evaluate(FilterTarget target) {
			Object value = this.operand.evaluate(target);
			return (value != null) ? this.values.contains(value) : this.containsNull;
		}

	}

	/** Membership test such as {@code 'g1' in groups}. A {@code null} element is in no collection. */
	record InCollection(Expression element, Expression collection) implements Expression {

		@Override
		public ValueType type() {
			return ValueType.BOOLEAN;
		}

		@Override
		public Object evaluate(FilterTarget target) {
			Object value = this.element.evaluate(target);
			return value != null && this.collection.evaluate(target) instanceof Collection<?> members
					&& members.contains(value);
		}

	}

	/**
	 * Boolean {@code and} or {@code or} over two or more operands, evaluated left to right with short-circuiting.
	 * @param conjunction {@code true} for {@code and}, {@code false} for {@code or}
	 * @param operands the boolean operands
	 */
	record Logical(boolean conjunction, List<Expression> operands) implements Expression {

		public Logical {
			operands = List.copyOf(operands);
		}

		@Override
		public ValueType type() {
			return ValueType.BOOLEAN;
		}

		@Override
		public Object evaluate(FilterTarget target) {
			for (Expression operand : this.operands) {
				if (operand.test(target) != this.conjunction) {
					return !this.conjunction;
				}
			}
			return this.conjunction;
		}

	}

	/** Boolean {@code not}. */
	record Negation(Expression operand) implements Expression {

		@Override
		public ValueType type() {
			return ValueType.BOOLEAN;
		}

		@Override
		public Object evaluate(FilterTarget target) {
			return !this.operand.test(target);
		}

	}

	/** Call of a built-in function. */
	record FunctionCall(FilterFunction function, List<Expression> arguments) implements Expression {

		public FunctionCall {
			arguments = List.copyOf(arguments);
		}

		@Override
		public ValueType type() {
			return this.function.resultType();
		}

		@Override
		public @Nullable Object evaluate(FilterTarget target) {
			List<@Nullable Object> values = new ArrayList<>(this.arguments.size());
			for (Expression argument : this.arguments) {
				values.add(argument.evaluate(target));
			}
			return this.function.apply(values);
		}

	}

}
