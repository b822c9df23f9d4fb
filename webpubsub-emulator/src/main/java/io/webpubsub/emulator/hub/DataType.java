package io.webpubsub.emulator.hub;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Type of message data, as clients of the JSON subprotocols name it and as the REST API's content types select it.
 */
public enum DataType {

	TEXT("text"), JSON("json"), BINARY("binary");

	private final String wireName;

	DataType(String wireName) {
		this.wireName = wireName;
	}

	/** Returns the name in JSON frames, such as {@code text}. */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Returns the data type of a REST body's content type: JSON and text by their media types, anything else
	 * (including none) binary.
	 */
	public static DataType fromContentType(@Nullable String contentType) {
		if (contentType == null) {
			return BINARY;
		}
		int parameters = contentType.indexOf(';');
		String mediaType = ((parameters < 0) ? contentType : contentType.substring(0, parameters)).trim()
			.toLowerCase(Locale.ROOT);
		return switch (mediaType) {
			case "application/json", "text/json" -> JSON;
			case "text/plain" -> TEXT;
			default -> BINARY;
		};
	}

	/** Returns the data type of a JSON frame's {@code dataType} field, or {@code null} for an unknown name. */
	public static @Nullable DataType fromWireName(String name) {
		for (DataType type : values()) {
			if (type.wireName.equals(name)) {
				return type;
			}
		}
		return null;
	}

}
