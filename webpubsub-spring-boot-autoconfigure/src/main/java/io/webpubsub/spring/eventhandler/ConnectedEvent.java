package io.webpubsub.spring.eventhandler;

/**
 * A client has connected. The service does not wait for a reply beyond the status.
 *
 * @param context the connection
 */
public record ConnectedEvent(ConnectionContext context) {
}
