package io.webpubsub.compat.eventhandler;

import java.util.List;

import io.webpubsub.spring.eventhandler.ConnectEvent;
import io.webpubsub.spring.eventhandler.ConnectResponse;
import io.webpubsub.spring.eventhandler.ConnectedEvent;
import io.webpubsub.spring.eventhandler.ConnectionContext;
import io.webpubsub.spring.eventhandler.DisconnectedEvent;
import io.webpubsub.spring.eventhandler.UserEventResponse;
import io.webpubsub.spring.eventhandler.WebPubSubEventException;
import io.webpubsub.spring.eventhandler.WebPubSubEventListener;

/**
 * Listeners of hub {@code chat}. Each one does what the function of the same event in
 * {@code compat/express-handler/server.js} does; change both together.
 */
public class ParityListeners {

	static final String JSON_SUBPROTOCOL = "json.webpubsub.azure.v1";

	private final ListenerLog log;

	ParityListeners(ListenerLog log) {
		this.log = log;
	}

	@WebPubSubEventListener(event = "connect")
	public ConnectResponse connect(ConnectEvent event) {
		String user = event.claim("sub");
		if (user == null) {
			throw new WebPubSubEventException(401, "A user id is required");
		}
		ConnectResponse response = ConnectResponse.accept()
			.userId(user)
			.groups("lobby")
			.roles("webpubsub.joinLeaveGroup.lobby");
		if (event.subprotocols().contains(JSON_SUBPROTOCOL)) {
			response.subprotocol(JSON_SUBPROTOCOL);
		}
		return response.state("key", "a");
	}

	@WebPubSubEventListener(event = "connected")
	public void connected(ConnectedEvent event) {
		ConnectionContext context = event.context();
		this.log.add("listener connected " + context.getConnectionId() + " " + context.getUserId());
	}

	@WebPubSubEventListener(event = "disconnected")
	public void disconnected(DisconnectedEvent event) {
		this.log.add("listener disconnected " + event.context().getConnectionId() + " " + event.reason());
	}

	/** Echoes the text, counts messages and keeps the last text in the connection state. */
	@WebPubSubEventListener(event = "message")
	public UserEventResponse message(String text, ConnectionContext context) {
		Integer count = context.getState("count", Integer.class);
		return UserEventResponse.text("echo: " + text)
			.state("count", (count == null) ? 1 : count + 1)
			.state("last", text);
	}

	@WebPubSubEventListener(event = "greeting")
	public GreetingReply greeting(Greeting greeting) {
		return new GreetingReply(greeting.from(), greeting.tags().size());
	}

	@WebPubSubEventListener(event = "bytes")
	public byte[] bytes(byte[] data) {
		byte[] reversed = new byte[data.length];
		for (int i = 0; i < data.length; i++) {
			reversed[i] = data[data.length - 1 - i];
		}
		return reversed;
	}

	/** Fails after changing the state, so the response shows whether the change is dropped. */
	@WebPubSubEventListener(event = "reject")
	public String reject(ConnectionContext context) {
		context.setState("count", 99);
		throw new WebPubSubEventException(400, "Messages must not be empty");
	}

	@WebPubSubEventListener(event = "crash")
	public String crash() {
		throw new IllegalStateException("Listener failed on purpose");
	}

	/**
	 * JSON data of the {@code greeting} event.
	 *
	 * @param from the sender
	 * @param tags labels of the greeting
	 */
	public record Greeting(String from, List<String> tags) {
	}

	/**
	 * JSON reply to the {@code greeting} event.
	 *
	 * @param from the sender
	 * @param tagCount the number of tags
	 */
	public record GreetingReply(String from, int tagCount) {
	}

}
