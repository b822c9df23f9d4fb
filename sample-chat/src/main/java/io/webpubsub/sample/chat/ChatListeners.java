package io.webpubsub.sample.chat;

import io.webpubsub.spring.client.WebPubSubMessage;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import io.webpubsub.spring.eventhandler.ConnectEvent;
import io.webpubsub.spring.eventhandler.ConnectedEvent;
import io.webpubsub.spring.eventhandler.DisconnectedEvent;
import io.webpubsub.spring.eventhandler.UserEvent;
import io.webpubsub.spring.eventhandler.WebPubSubDataType;
import io.webpubsub.spring.eventhandler.WebPubSubEventException;
import io.webpubsub.spring.eventhandler.WebPubSubEventListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The chat's listeners on hub {@code chat}: only users with a name may connect, and joins, messages and departures
 * are broadcast to everyone.
 */
@Component
class ChatListeners {

	static final int MAX_MESSAGE_LENGTH = 2000;

	private final WebPubSubServiceClient webPubSub;

	private final JsonMapper jsonMapper;

	ChatListeners(WebPubSubServiceClient webPubSub, JsonMapper jsonMapper) {
		this.webPubSub = webPubSub;
		this.jsonMapper = jsonMapper;
	}

	@WebPubSubEventListener(event = "connect")
	public void connect(ConnectEvent event) {
		String user = event.claim("sub");
		if (user == null || user.isBlank()) {
			throw new WebPubSubEventException(401, "Choose a name before joining the chat");
		}
	}

	@WebPubSubEventListener(event = "connected")
	public void connected(ConnectedEvent event) {
		broadcast(ChatLine.system(event.context().getUserId() + " joined"));
	}

	/** Broadcasts a message: text from the page or a plain WebSocket client, or a JSON string. */
	@WebPubSubEventListener(event = "message")
	public void message(UserEvent event) {
		String text = text(event);
		if (text.length() > MAX_MESSAGE_LENGTH) {
			throw new WebPubSubEventException(400, "Messages are limited to " + MAX_MESSAGE_LENGTH
					+ " characters; this one has " + text.length());
		}
		if (!text.isBlank()) {
			broadcast(new ChatLine(event.context().getUserId(), text));
		}
	}

	@WebPubSubEventListener(event = "disconnected")
	public void disconnected(DisconnectedEvent event) {
		if (event.context().getUserId() != null) {
			broadcast(ChatLine.system(event.context().getUserId() + " left"));
		}
	}

	private String text(UserEvent event) {
		if (event.dataType() != WebPubSubDataType.JSON) {
			return event.text();
		}
		try {
			JsonNode data = this.jsonMapper.readTree(event.data());
			return data.isString() ? data.stringValue() : data.toString();
		}
		catch (JacksonException ex) {
			throw new WebPubSubEventException(400, "The message is not valid JSON");
		}
	}

	private void broadcast(ChatLine line) {
		this.webPubSub.sendToAll(WebPubSubMessage.json(line));
	}

}
