package io.webpubsub.emulator.upstream;

import org.jspecify.annotations.Nullable;

/**
 * One event to send upstream.
 *
 * @param hub the hub
 * @param connectionId the connection the event comes from
 * @param userId the user of the connection, or {@code null}
 * @param ceType the CloudEvents type, such as {@code azure.webpubsub.sys.connect}
 * @param eventName the event name, such as {@code connect} or {@code message}
 * @param subprotocol the connection's subprotocol, or {@code null}
 * @param connectionState the stored connection state header value, or {@code null}
 * @param eventId the CloudEvents id, unique per connection
 * @param contentType the content type of the body
 * @param body the body
 */
public record UpstreamEvent(String hub, String connectionId, @Nullable String userId, String ceType, String eventName,
		@Nullable String subprotocol, @Nullable String connectionState, long eventId, String contentType,
		byte[] body) {

	@Override
	public String toString() {
		return "UpstreamEvent[" + this.ceType + ", hub=" + this.hub + ", connection=" + this.connectionId + "]";
	}

}
