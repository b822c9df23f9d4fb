package io.webpubsub.spring.eventhandler.testapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the listeners of the test application received, in order.
 */
public class ReceivedEvents {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	void add(Object event) {
		this.events.add(event);
	}

	public List<Object> all() {
		return List.copyOf(this.events);
	}

	public void clear() {
		this.events.clear();
	}

}
