package io.webpubsub.emulator.filter;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** Filter identifier and the connection property it reads. */
enum Property {

	USER_ID("userId", ValueType.STRING, FilterTarget::userId),

	CONNECTION_ID("connectionId", ValueType.STRING, FilterTarget::connectionId),

	GROUPS("groups", ValueType.COLLECTION, FilterTarget::groups),

	PROTOCOL("protocol", ValueType.STRING, FilterTarget::protocol);

	private final String identifier;

	private final ValueType type;

	private final Function<FilterTarget, @Nullable Object> reader;

	Property(String identifier, ValueType type, Function<FilterTarget, @Nullable Object> reader) {
		this.identifier = identifier;
		this.type = type;
		this.reader = reader;
	}

	ValueType type() {
		return this.type;
	}

	@Nullable Object read(FilterTarget target) {
		return this.reader.apply(target);
	}

	/** Returns the property with the identifier, ignoring case, or {@code null} if there is none. */
	static @Nullable Property find(String identifier) {
		for (Property property : values()) {
			if (property.identifier.equalsIgnoreCase(identifier)) {
				return property;
			}
		}
		return null;
	}

	/** Returns the identifiers for an error message: "userId, connectionId, groups and protocol". */
	static String listIdentifiers() {
		String all = Arrays.stream(values()).map((property) -> property.identifier).collect(Collectors.joining(", "));
		int lastComma = all.lastIndexOf(", ");
		return all.substring(0, lastComma) + " and " + all.substring(lastComma + 2);
	}

}
