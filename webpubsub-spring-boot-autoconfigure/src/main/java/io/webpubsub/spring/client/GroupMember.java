package io.webpubsub.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * Connection in a group, as listed by {@link WebPubSubServiceClient#listConnectionsInGroup(String)}.
 *
 * @param connectionId the id of the connection
 * @param userId the user of the connection, or {@code null} for an anonymous one
 */
public record GroupMember(String connectionId, @Nullable String userId) {
}
