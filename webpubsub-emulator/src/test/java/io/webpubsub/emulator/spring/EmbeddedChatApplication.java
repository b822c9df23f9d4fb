package io.webpubsub.emulator.spring;

import io.webpubsub.spring.eventhandler.ConnectEvent;
import io.webpubsub.spring.eventhandler.ConnectResponse;
import io.webpubsub.spring.eventhandler.ConnectionContext;
import io.webpubsub.spring.eventhandler.WebPubSubEventException;
import io.webpubsub.spring.eventhandler.WebPubSubEventListener;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application whose listeners the embedded emulator calls.
 */
@SpringBootApplication
public class EmbeddedChatApplication {

	@Bean
	ChatListeners chatListeners() {
		return new ChatListeners();
	}

	public static class ChatListeners {

		@WebPubSubEventListener(event = "connect")
		public ConnectResponse connect(ConnectEvent event) {
			String user = event.claim("sub");
			if (user == null) {
				throw new WebPubSubEventException(401, "A user id is required");
			}
			return ConnectResponse.accept().groups("lobby").state("joinedAs", user);
		}

		@WebPubSubEventListener(event = "shout")
		public String shout(String text, ConnectionContext context) {
			return context.getState("joinedAs", String.class) + ": " + text.toUpperCase();
		}

	}

}
