package io.webpubsub.spring.eventhandler.testapp;

import io.webpubsub.spring.eventhandler.ConnectEvent;
import io.webpubsub.spring.eventhandler.ConnectResponse;
import io.webpubsub.spring.eventhandler.ConnectedEvent;
import io.webpubsub.spring.eventhandler.ConnectionContext;
import io.webpubsub.spring.eventhandler.DisconnectedEvent;
import io.webpubsub.spring.eventhandler.GroupEvent;
import io.webpubsub.spring.eventhandler.WebPubSubEventException;
import io.webpubsub.spring.eventhandler.WebPubSubEventListener;

/**
 * System and group event listeners of hub {@code chat}, the default hub of the test application.
 */
public class ChatListeners {

	private final ReceivedEvents received;

	ChatListeners(ReceivedEvents received) {
		this.received = received;
	}

	@WebPubSubEventListener(event = "connect")
	public ConnectResponse connect(ConnectEvent event) {
		this.received.add(event);
		String user = event.claim("sub");
		if (user == null) {
			throw new WebPubSubEventException(401, "A user id is required");
		}
		if (event.query().containsKey("banned")) {
			throw new WebPubSubEventException(403, "User " + user + " is banned");
		}
		ConnectResponse response = ConnectResponse.accept().userId(user).groups("lobby")
			.roles("webpubsub.joinLeaveGroup.lobby").state("key", "a");
		if (event.subprotocols().contains("json.webpubsub.azure.v1")) {
			response.subprotocol("json.webpubsub.azure.v1");
		}
		return response;
	}

	@WebPubSubEventListener(event = "connected")
	public void connected(ConnectedEvent event, ConnectionContext context) {
		this.received.add(event);
		// The service ignores state changes on non-blocking events, so none must be sent back.
		context.setState("ignored", true);
	}

	@WebPubSubEventListener(event = "disconnected")
	public void disconnected(DisconnectedEvent event) {
		this.received.add(event);
	}

	@WebPubSubEventListener(event = "joined")
	public void joined(GroupEvent event) {
		this.received.add(event);
	}

	@WebPubSubEventListener(event = "left")
	public void left(GroupEvent event) {
		this.received.add(event);
	}

}
