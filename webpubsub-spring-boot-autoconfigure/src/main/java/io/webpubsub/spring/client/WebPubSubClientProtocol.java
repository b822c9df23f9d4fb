package io.webpubsub.spring.client;

/**
 * Protocol a client speaks to the service, which decides the path of its WebSocket URL.
 */
public enum WebPubSubClientProtocol {

	/** Plain WebSocket and the {@code json.webpubsub.azure.v1} family of subprotocols. */
	DEFAULT("/client/hubs/"),

	/** MQTT over WebSocket. */
	MQTT("/clients/mqtt/hubs/"),

	/** Socket.IO. */
	SOCKET_IO("/clients/socketio/hubs/");

	private final String pathPrefix;

	WebPubSubClientProtocol(String pathPrefix) {
		this.pathPrefix = pathPrefix;
	}

	/** Returns the path in front of the hub name, such as {@code /client/hubs/}. */
	String pathPrefix() {
		return this.pathPrefix;
	}

}
