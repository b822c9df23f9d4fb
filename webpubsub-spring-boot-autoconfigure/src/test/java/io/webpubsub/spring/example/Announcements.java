package io.webpubsub.spring.example;

// tag::quick-start[]
import io.webpubsub.spring.client.ClientAccessTokenOptions;
import io.webpubsub.spring.client.WebPubSubMessage;
import io.webpubsub.spring.client.WebPubSubServiceClient;

import org.springframework.stereotype.Service;

@Service
public class Announcements {

	private final WebPubSubServiceClient webPubSub;

	public Announcements(WebPubSubServiceClient webPubSub) {
		this.webPubSub = webPubSub;
	}

	/** Pushes a JSON message to every client connected to the hub. */
	public void announce(String text) {
		this.webPubSub.sendToAll(WebPubSubMessage.json(new Announcement("system", text)));
	}

	/** Returns the WebSocket URL a browser opens for this user, with a token valid for 60 minutes. */
	public String clientUrlFor(String userId) {
		return this.webPubSub
			.getClientAccessToken(ClientAccessTokenOptions.defaults()
				.userId(userId)
				.roles("webpubsub.joinLeaveGroup.lobby", "webpubsub.sendToGroup.lobby"))
			.url();
	}

	public record Announcement(String from, String message) {
	}

}
// end::quick-start[]
