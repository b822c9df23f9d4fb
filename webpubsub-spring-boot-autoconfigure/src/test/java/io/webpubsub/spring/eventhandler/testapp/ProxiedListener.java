package io.webpubsub.spring.eventhandler.testapp;

import io.webpubsub.spring.eventhandler.WebPubSubEventListener;

/**
 * A listener the test application wraps in a class-based proxy.
 */
public class ProxiedListener {

	private final ReceivedEvents received;

	public ProxiedListener(ReceivedEvents received) {
		this.received = received;
	}

	@WebPubSubEventListener(event = "proxied")
	public String proxied(String text) {
		this.received.add("proxied " + text);
		return "proxied: " + text;
	}

}
