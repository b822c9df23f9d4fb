package io.webpubsub.emulator.filter;

/** Static type of a filter expression, checked while parsing. */
enum ValueType {

	BOOLEAN("a boolean"),

	STRING("a string"),

	/** A 64-bit signed integer, held as {@link Long}. */
	INTEGER("an integer"),

	/** A set of strings, held as {@link java.util.Set}. */
	COLLECTION("a collection"),

	/** The type of the {@code null} literal, which {@code eq} and {@code ne} accept next to any non-collection type. */
	NULL("null");

	private final String description;

	ValueType(String description) {
		this.description = description;
	}

	/** Returns the type's name with its article, for error messages: "a string", "an integer". */
	String description() {
		return this.description;
	}

}
