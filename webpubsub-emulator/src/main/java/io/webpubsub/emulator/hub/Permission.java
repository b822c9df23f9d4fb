package io.webpubsub.emulator.hub;

import org.jspecify.annotations.Nullable;

/**
 * Permission a connection may hold for a group, through a role or a grant.
 */
public enum Permission {

	SEND_TO_GROUP("sendToGroup", "webpubsub.sendToGroup"),

	JOIN_LEAVE_GROUP("joinLeaveGroup", "webpubsub.joinLeaveGroup");

	private final String wireName;

	private final String role;

	Permission(String wireName, String role) {
		this.wireName = wireName;
		this.role = role;
	}

	/** Returns the name in REST paths, such as {@code sendToGroup}. */
	public String wireName() {
		return this.wireName;
	}

	/** Returns the role that grants it for every group, such as {@code webpubsub.sendToGroup}. */
	public String role() {
		return this.role;
	}

	/** Returns the permission of a REST path name, or {@code null} for an unknown one. */
	public static @Nullable Permission fromWireName(String name) {
		for (Permission permission : values()) {
			if (permission.wireName.equals(name)) {
				return permission;
			}
		}
		return null;
	}

}
