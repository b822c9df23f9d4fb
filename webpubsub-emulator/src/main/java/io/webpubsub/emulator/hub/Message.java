package io.webpubsub.emulator.hub;

import org.jspecify.annotations.Nullable;

/**
 * A message on its way to clients.
 *
 * @param dataType how clients read the data
 * @param data the data: UTF-8 text for text and JSON, raw bytes for binary
 * @param source where it comes from: {@code server} for REST sends and upstream replies, {@code group} for
 * messages clients publish to a group
 * @param group the group it was sent to, or {@code null}
 * @param fromUserId the user who published it to the group, or {@code null}
 */
public record Message(DataType dataType, byte[] data, String source, @Nullable String group,
		@Nullable String fromUserId) {

	public static final String FROM_SERVER = "server";

	public static final String FROM_GROUP = "group";

	/** Returns a message that the service itself sends, as REST sends and upstream replies are. */
	public static Message fromServer(DataType dataType, byte[] data) {
		return new Message(dataType, data, FROM_SERVER, null, null);
	}

	/** Returns a copy marked as sent to a group by the REST API. */
	public Message toGroup(String group) {
		return new Message(this.dataType, this.data, this.source, group, this.fromUserId);
	}

}
