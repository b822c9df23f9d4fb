package io.webpubsub.emulator.filter;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Built-in function. When an argument is {@code null}, a function returns {@code null}, or {@code false} if it
 * returns a boolean. String positions and lengths count UTF-16 code units, as {@link String} does.
 */
enum FilterFunction {

	TOLOWER("tolower", ValueType.STRING, 1, List.of(strings()),
			(arguments) -> string(arguments, 0).toLowerCase(Locale.ROOT)),

	TOUPPER("toupper", ValueType.STRING, 1, List.of(strings()),
			(arguments) -> string(arguments, 0).toUpperCase(Locale.ROOT)),

	/** Removes leading and trailing white space, as {@link String#strip()} defines it. */
	TRIM("trim", ValueType.STRING, 1, List.of(strings()), (arguments) -> string(arguments, 0).strip()),

	/**
	 * Returns the part of a string from a 0-based start index, with an optional maximum length. A start index below 0
	 * counts as 0 and one past the end gives the empty string. A negative length gives the empty string.
	 */
	SUBSTRING("substring", ValueType.STRING, 2, List.of(strings(), integers(), integers()),
			FilterFunction::substring),

	ENDSWITH("endswith", ValueType.BOOLEAN, 2, List.of(strings(), strings()),
			(arguments) -> string(arguments, 0).endsWith(string(arguments, 1))),

	STARTSWITH("startswith", ValueType.BOOLEAN, 2, List.of(strings(), strings()),
			(arguments) -> string(arguments, 0).startsWith(string(arguments, 1))),

	CONTAINS("contains", ValueType.BOOLEAN, 2, List.of(strings(), strings()),
			(arguments) -> string(arguments, 0).contains(string(arguments, 1))),

	/** Returns the 0-based index of the first occurrence of the second string in the first, or -1 if absent. */
	INDEXOF("indexof", ValueType.INTEGER, 2, List.of(strings(), strings()),
			(arguments) -> (long) string(arguments, 0).indexOf(string(arguments, 1))),

	/** Returns the length of a string or the number of elements in a collection. */
	LENGTH("length", ValueType.INTEGER, 1, List.of(EnumSet.of(ValueType.STRING, ValueType.COLLECTION)),
			FilterFunction::length),

	CONCAT("concat", ValueType.STRING, 2, List.of(strings(), strings()),
			(arguments) -> string(arguments, 0) + string(arguments, 1));

	private final String name;

	private final ValueType resultType;

	private final int minArguments;

	private final List<Set<ValueType>> parameterTypes;

	private final Function<List<Object>, Object> implementation;

	FilterFunction(String name, ValueType resultType, int minArguments, List<Set<ValueType>> parameterTypes,
			Function<List<Object>, Object> implementation) {
		this.name = name;
		this.resultType = resultType;
		this.minArguments = minArguments;
		this.parameterTypes = parameterTypes;
		this.implementation = implementation;
	}

	/** Returns the function's name in lower case. */
	String functionName() {
		return this.name;
	}

	ValueType resultType() {
		return this.resultType;
	}

	int minArguments() {
		return this.minArguments;
	}

	int maxArguments() {
		return this.parameterTypes.size();
	}

	/** Returns the types accepted for the argument at a 0-based index. {@code null} is accepted everywhere. */
	Set<ValueType> parameterTypes(int index) {
		return this.parameterTypes.get(index);
	}

	/** Applies the function to argument values whose types the parser has already checked. */
	@Nullable Object apply(List<@Nullable Object> arguments) {
		for (Object argument : arguments) {
			if (argument == null) {
				return (this.resultType == ValueType.BOOLEAN) ? Boolean.FALSE : null;
			}
		}
		return this.implementation.apply(List.copyOf(arguments));
	}

	/** Returns the function with the name, ignoring case, or {@code null} if there is none. */
	static @Nullable FilterFunction find(String name) {
		for (FilterFunction function : values()) {
			if (function.name.equalsIgnoreCase(name)) {
				return function;
			}
		}
		return null;
	}

	/** Returns the function names for an error message. */
	static String listNames() {
		return Arrays.stream(values()).map(FilterFunction::functionName).collect(Collectors.joining(", "));
	}

	private static Set<ValueType> strings() {
		return EnumSet.of(ValueType.STRING);
	}

	private static Set<ValueType> integers() {
		return EnumSet.of(ValueType.INTEGER);
	}

	private static String string(List<Object> arguments, int index) {
		return (String) arguments.get(index);
	}

	private static Object substring(List<Object> arguments) {
		String text = string(arguments, 0);
		int start = (int) Math.max(0, Math.min(text.length(), (Long) arguments.get(1)));
		int end = text.length();
		if (arguments.size() > 2) {
			long length = Math.max(0, (Long) arguments.get(2));
			end = start + (int) Math.min(length, end - start);
		}
		return text.substring(start, end);
	}

	private static Object length(List<Object> arguments) {
		Object value = arguments.get(0);
		if (value instanceof Collection<?> collection) {
			return (long) collection.size();
		}
		return (long) ((String) value).length();
	}

}
