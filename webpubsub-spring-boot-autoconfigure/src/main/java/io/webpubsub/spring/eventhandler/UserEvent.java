package io.webpubsub.spring.eventhandler;

import java.nio.charset.StandardCharsets;

/**
 * An event a client sent: a frame of a plain WebSocket client (event {@code message}) or an {@code event} message
 * of a subprotocol client.
 *
 * @param context the connection
 * @param data the data as sent
 * @param dataType whether the data is text, JSON or binary
 */
public record UserEvent(ConnectionContext context, byte[] data, WebPubSubDataType dataType) {

	/** Returns the data decoded as UTF-8 text. */
	public String text() {
		return new String(this.data, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "UserEvent[context=" + this.context + ", dataType=" + this.dataType + ", " + this.data.length
				+ " bytes]";
	}

}
