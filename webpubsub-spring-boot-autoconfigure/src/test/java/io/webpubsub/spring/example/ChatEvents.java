package io.webpubsub.spring.example;

// tag::handling-events[]
import io.webpubsub.spring.client.WebPubSubMessage;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import io.webpubsub.spring.eventhandler.ConnectEvent;
import io.webpubsub.spring.eventhandler.ConnectResponse;
import io.webpubsub.spring.eventhandler.ConnectionContext;
import io.webpubsub.spring.eventhandler.DisconnectedEvent;
import io.webpubsub.spring.eventhandler.WebPubSubEventException;
import io.webpubsub.spring.eventhandler.WebPubSubEventListener;

import org.springframework.stereotype.Component;

@Component
public class ChatEvents {

	private final WebPubSubServiceClient webPubSub;

	public ChatEvents(WebPubSubServiceClient webPubSub) {
		this.webPubSub = webPubSub;
	}

	/** Accepts clients whose token names a user, and puts them in the lobby. */
	@WebPubSubEventListener(event = "connect")
	public ConnectResponse connect(ConnectEvent event) {
		String user = event.claim("sub");
		if (user == null) {
			throw new WebPubSubEventException(401, "Sign in before joining the chat");
		}
		return ConnectResponse.accept().userId(user).groups("lobby");
	}

	/** Broadcasts each message a client sends, and counts them in the connection state. */
	@WebPubSubEventListener(event = "message")
	public String message(String text, ConnectionContext connection) {
		Integer sent = connection.getState("sent", Integer.class);
		connection.setState("sent", (sent == null) ? 1 : sent + 1);
		this.webPubSub.sendToAll(WebPubSubMessage.json(new ChatLine(connection.getUserId(), text)));
		return "delivered";
	}

	@WebPubSubEventListener(event = "disconnected")
	public void disconnected(DisconnectedEvent event) {
		String user = event.context().getUserId();
		if (user != null) {
			this.webPubSub.sendToAll(WebPubSubMessage.json(new ChatLine("system", user + " left")));
		}
	}

	public record ChatLine(String from, String message) {
	}

}
// end::handling-events[]
