package io.webpubsub.spring.eventhandler;

import org.jspecify.annotations.Nullable;

/**
 * A client has disconnected.
 *
 * @param context the connection
 * @param reason why the connection closed, or {@code null} when the service gave no reason
 */
public record DisconnectedEvent(ConnectionContext context, @Nullable String reason) {
}
