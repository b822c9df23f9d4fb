package io.webpubsub.spring.client;

/**
 * Permission that the service can grant to a connection, optionally for one target group.
 */
public enum WebPubSubPermission {

	/** Publish messages to a group. */
	SEND_TO_GROUP("sendToGroup"),

	/** Join and leave a group. */
	JOIN_LEAVE_GROUP("joinLeaveGroup");

	private final String wireName;

	WebPubSubPermission(String wireName) {
		this.wireName = wireName;
	}

	/** Returns the name used in the REST path, such as {@code sendToGroup}. */
	public String wireName() {
		return this.wireName;
	}

}
