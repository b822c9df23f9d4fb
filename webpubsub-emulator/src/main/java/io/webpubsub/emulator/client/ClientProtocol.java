package io.webpubsub.emulator.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * WebSocket subprotocol a client speaks.
 */
enum ClientProtocol {

	/** A plain WebSocket client: frames are data, with no envelope. */
	RAW(null),

	/** The JSON subprotocol: every frame is a JSON message with a type. */
	JSON("json.webpubsub.azure.v1"),

	/**
	 * The reliable JSON subprotocol: the JSON messages, with a sequence id on every data message, acks of those ids
	 * from the client, and recovery of a dropped connection.
	 */
	RELIABLE_JSON("json.reliable.webpubsub.azure.v1");

	private final @Nullable String name;

	ClientProtocol(@Nullable String name) {
		this.name = name;
	}

	@Nullable String subprotocolName() {
		return this.name;
	}

	/** Returns whether every frame is a JSON message, as in both JSON subprotocols. */
	boolean isJson() {
		return this != RAW;
	}

	/** Returns the first predefined subprotocol the client offers, or {@link #RAW} when it offers none. */
	static ClientProtocol select(List<String> offered) {
		for (String subprotocol : offered) {
			for (ClientProtocol protocol : values()) {
				if (subprotocol.equals(protocol.name)) {
					return protocol;
				}
			}
		}
		return RAW;
	}

}
