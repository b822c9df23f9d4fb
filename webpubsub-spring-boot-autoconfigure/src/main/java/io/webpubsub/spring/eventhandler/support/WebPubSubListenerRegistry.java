package io.webpubsub.spring.eventhandler.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The registered listeners by hub and event, both matched case-insensitively, and the hubs the handler accepts
 * events for.
 */
public final class WebPubSubListenerRegistry {

	private final Map<String, ListenerMethod> listeners = new ConcurrentHashMap<>();

	private final Set<String> hubs = ConcurrentHashMap.newKeySet();

	private final @Nullable String defaultHub;

	/**
	 * Creates an empty registry.
	 * @param defaultHub the hub whose events are accepted even without listeners, usually {@code webpubsub.hub}
	 */
	public WebPubSubListenerRegistry(@Nullable String defaultHub) {
		this.defaultHub = defaultHub;
		if (defaultHub != null) {
			this.hubs.add(normalize(defaultHub));
		}
	}

	/** Returns the hub that listeners without a hub of their own belong to, or {@code null}. */
	public @Nullable String getDefaultHub() {
		return this.defaultHub;
	}

	/** Returns whether any listener is registered. */
	public boolean hasListeners() {
		return !this.listeners.isEmpty();
	}

	/**
	 * Registers a listener.
	 * @throws ListenerDefinitionException if another listener handles the same hub and event
	 */
	void register(ListenerMethod listener) {
		ListenerMethod existing = this.listeners.putIfAbsent(key(listener.hub(), listener.eventName()), listener);
		if (existing != null) {
			throw new ListenerDefinitionException(listener.beanName(), listener.method(),
					"event '" + listener.eventName() + "' of hub '" + listener.hub() + "' already has a listener, "
							+ ListenerDefinitionException.describe(existing.method()) + " of bean '"
							+ existing.beanName() + "'",
					"Keep one listener per hub and event: remove one of the two, or change its hub or event.");
		}
		this.hubs.add(normalize(listener.hub()));
	}

	@Nullable ListenerMethod find(String hub, String eventName) {
		return this.listeners.get(key(hub, eventName));
	}

	/** Returns whether events of the hub are accepted: it has listeners or is the default hub. */
	boolean isRegisteredHub(String hub) {
		return this.hubs.contains(normalize(hub));
	}

	/** Returns the hubs that have listeners, as the listeners name them. */
	public Set<String> getListenerHubs() {
		Set<String> hubs = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		this.listeners.values().forEach((listener) -> hubs.add(listener.hub()));
		return hubs;
	}

	/** Returns {@code hub/event} of every listener, for the startup log. */
	public List<String> describeListeners() {
		List<String> descriptions = new ArrayList<>();
		Collection<ListenerMethod> registered = this.listeners.values();
		registered.forEach((listener) -> descriptions.add(listener.describe()));
		descriptions.sort(String::compareTo);
		return descriptions;
	}

	private static String key(String hub, String eventName) {
		return normalize(hub) + "/" + normalize(eventName);
	}

	private static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
