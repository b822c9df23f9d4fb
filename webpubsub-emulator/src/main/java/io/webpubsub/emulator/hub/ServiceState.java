package io.webpubsub.emulator.hub;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every hub of the emulator. Hub names are case-insensitive, as the service treats them.
 */
public final class ServiceState {

	private final Map<String, Hub> hubs = new ConcurrentHashMap<>();

	/** Returns the hub, creating it on first use. */
	public Hub hub(String name) {
		return this.hubs.computeIfAbsent(name.toLowerCase(Locale.ROOT), Hub::new);
	}

}
