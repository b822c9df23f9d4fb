package io.webpubsub.spring.eventhandler.support;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Kind of an event, from its CloudEvents type: the system events, group presence events, and user events.
 */
enum EventKind {

	CONNECT("connect", true),

	CONNECTED("connected", false),

	DISCONNECTED("disconnected", false),

	// NOTE: group presence events are a preview feature. Their CloudEvents type is assumed to follow the system
	// events (azure.webpubsub.sys.joined and .left) with a body of {"group": "<name>"}, which no public reference
	// confirms.
	JOINED("joined", false),

	LEFT("left", false),

	USER(null, true);

	static final String SYSTEM_PREFIX = "azure.webpubsub.sys.";

	static final String USER_PREFIX = "azure.webpubsub.user.";

	private final @Nullable String systemEventName;

	private final boolean blocking;

	EventKind(@Nullable String systemEventName, boolean blocking) {
		this.systemEventName = systemEventName;
		this.blocking = blocking;
	}

	/** Returns the name of a system event, such as {@code connect}; user events have none. */
	String systemEventName() {
		if (this.systemEventName == null) {
			throw new IllegalStateException("User events have no fixed name");
		}
		return this.systemEventName;
	}

	/** Returns whether the service waits for the listener's reply, and so accepts connection state changes. */
	boolean isBlocking() {
		return this.blocking;
	}

	/** Returns the kind a listener's event name selects: a system event name, or else a user event. */
	static EventKind forListenerEvent(String eventName) {
		EventKind system = systemEvent(eventName);
		return (system != null) ? system : USER;
	}

	/** Returns the kind of a {@code ce-type} value, or {@code null} when it is not a Web PubSub event type. */
	static @Nullable EventKind forCloudEventType(String ceType) {
		if (ceType.startsWith(USER_PREFIX) && ceType.length() > USER_PREFIX.length()) {
			return USER;
		}
		if (ceType.startsWith(SYSTEM_PREFIX)) {
			return systemEvent(ceType.substring(SYSTEM_PREFIX.length()));
		}
		return null;
	}

	private static @Nullable EventKind systemEvent(String name) {
		String lowerCase = name.toLowerCase(Locale.ROOT);
		for (EventKind kind : values()) {
			if (lowerCase.equals(kind.systemEventName)) {
				return kind;
			}
		}
		return null;
	}

}
