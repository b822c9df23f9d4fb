package io.webpubsub.spring.eventhandler;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Type of the data of a user event or a reply, with its HTTP content type.
 */
public enum WebPubSubDataType {

	/** UTF-8 text, sent as {@code text/plain}. */
	TEXT("text/plain"),

	/** JSON, sent as {@code application/json}. */
	JSON("application/json"),

	/** Bytes, sent as {@code application/octet-stream}. */
	BINARY("application/octet-stream");

	private final String mediaType;

	WebPubSubDataType(String mediaType) {
		this.mediaType = mediaType;
	}

	/** Returns the media type without parameters, such as {@code text/plain}. */
	public String mediaType() {
		return this.mediaType;
	}

	/**
	 * Returns the data type of a content type, ignoring parameters such as {@code charset}, or {@code null} for any other
	 * content type.
	 */
	public static @Nullable WebPubSubDataType fromContentType(@Nullable String contentType) {
		if (contentType == null) {
			return null;
		}
		int parameters = contentType.indexOf(';');
		String mediaType = ((parameters < 0) ? contentType : contentType.substring(0, parameters)).trim()
			.toLowerCase(Locale.ROOT);
		for (WebPubSubDataType type : values()) {
			if (type.mediaType.equals(mediaType)) {
				return type;
			}
		}
		return null;
	}

}
