package io.webpubsub.sample.chat;

/**
 * One line of the chat, as every client receives it.
 *
 * @param from the user who wrote it, or {@code system} for joins and departures
 * @param message the text
 */
public record ChatLine(String from, String message) {

	static ChatLine system(String message) {
		return new ChatLine("system", message);
	}

}
