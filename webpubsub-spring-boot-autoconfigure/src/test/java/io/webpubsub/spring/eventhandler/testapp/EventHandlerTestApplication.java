package io.webpubsub.spring.eventhandler.testapp;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Application with a listener for every event, parameter and return type the event handler supports.
 */
@SpringBootApplication
public class EventHandlerTestApplication {

	/** The emulator's documented development key, also used by the signature test vectors. */
	public static final String ACCESS_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

	@Bean
	ReceivedEvents receivedEvents() {
		return new ReceivedEvents();
	}

	@Bean
	ChatListeners chatListeners(ReceivedEvents received) {
		return new ChatListeners(received);
	}

	@Bean
	PayloadListeners payloadListeners(ReceivedEvents received) {
		return new PayloadListeners(received);
	}

	/** Returns a listener behind a class-based proxy, as transactional or secured beans are. */
	@Bean
	ProxiedListener proxiedListener(ReceivedEvents received) {
		ProxyFactory proxyFactory = new ProxyFactory(new ProxiedListener(received));
		proxyFactory.setProxyTargetClass(true);
		return (ProxiedListener) proxyFactory.getProxy();
	}

}
