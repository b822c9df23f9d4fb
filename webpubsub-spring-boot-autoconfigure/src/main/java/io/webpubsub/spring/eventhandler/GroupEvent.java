package io.webpubsub.spring.eventhandler;

/**
 * A connection has joined or left a group, as reported by the service's group presence events ({@code joined} and
 * {@code left}).
 *
 * @param context the connection
 * @param group the group
 */
public record GroupEvent(ConnectionContext context, String group) {
}
