package io.webpubsub.sample.chat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A chat room: the page at {@code /} requests a client URL from {@code /negotiate}, connects to Web PubSub, and the
 * listeners in {@link ChatListeners} broadcast joins, messages and departures.
 */
@SpringBootApplication
public class ChatApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChatApplication.class, args);
	}

}
