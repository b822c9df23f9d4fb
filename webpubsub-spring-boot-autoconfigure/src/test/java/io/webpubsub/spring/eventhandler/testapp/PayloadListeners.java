package io.webpubsub.spring.eventhandler.testapp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.webpubsub.spring.eventhandler.ConnectionContext;
import io.webpubsub.spring.eventhandler.UserEvent;
import io.webpubsub.spring.eventhandler.UserEventResponse;
import io.webpubsub.spring.eventhandler.WebPubSubEventException;
import io.webpubsub.spring.eventhandler.WebPubSubEventListener;
import tools.jackson.databind.JsonNode;

/**
 * User event listeners, one per parameter and return type.
 */
public class PayloadListeners {

	private final ReceivedEvents received;

	PayloadListeners(ReceivedEvents received) {
		this.received = received;
	}

	/** Counts messages in the connection state and echoes the text. */
	@WebPubSubEventListener(event = "message")
	public String message(String text, ConnectionContext context) {
		Integer count = context.getState("count", Integer.class);
		context.setState("count", (count == null) ? 1 : count + 1);
		this.received.add(text);
		return "echo: " + text;
	}

	@WebPubSubEventListener(event = "bytes")
	public byte[] bytes(byte[] data) {
		byte[] reversed = new byte[data.length];
		for (int i = 0; i < data.length; i++) {
			reversed[i] = data[data.length - 1 - i];
		}
		return reversed;
	}

	@WebPubSubEventListener(event = "tree")
	public UserEventResponse tree(JsonNode data) {
		return UserEventResponse.json(Map.of("fields", data.size())).state("room", "lobby");
	}

	@WebPubSubEventListener(event = "greeting")
	public Greeting greeting(Greeting greeting, UserEvent event) {
		return new Greeting(greeting.from() + " via " + event.dataType(), greeting.tags());
	}

	@WebPubSubEventListener(event = "async")
	public CompletableFuture<String> async(String text) {
		return CompletableFuture.supplyAsync(() -> text.toUpperCase());
	}

	@WebPubSubEventListener(event = "silent")
	public void silent(UserEvent event) {
		this.received.add(event);
	}

	@WebPubSubEventListener(event = "empty")
	public UserEventResponse empty(ConnectionContext context) {
		context.clearStates();
		return UserEventResponse.empty();
	}

	@WebPubSubEventListener(event = "fail")
	public String fail(String text) {
		throw new IllegalStateException("database password=hunter2 is wrong");
	}

	@WebPubSubEventListener(event = "refuse")
	public String rejectEvent(String text) {
		throw new WebPubSubEventException(400, "Messages must not be empty");
	}

	@WebPubSubEventListener(event = "asyncFail")
	public CompletableFuture<String> asyncFail(String text) {
		return CompletableFuture.failedFuture(new WebPubSubEventException(403, "Not allowed"));
	}

	@ComposedChatListener(event = "composed")
	public String composed(String text) {
		return "composed: " + text;
	}

	@WebPubSubEventListener(hub = "${test.other-hub:Other}", event = "message")
	public String otherHub(String text, ConnectionContext context) {
		return context.getHub() + ": " + text;
	}

	public record Greeting(String from, List<String> tags) {
	}

	/** A composed annotation: the listener annotation with the event set by an alias. */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@WebPubSubEventListener(event = "")
	public @interface ComposedChatListener {

		@org.springframework.core.annotation.AliasFor(annotation = WebPubSubEventListener.class, attribute = "event")
		String event();

	}

}
