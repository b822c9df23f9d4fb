package io.webpubsub.compat.eventhandler;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Spring application whose listeners do what the listeners of {@code compat/express-handler/server.js} do, so the
 * two event handlers can be compared request by request.
 */
@SpringBootApplication
public class ParityListenerApplication {

	/** Access key of the connection string. The Node.js handler needs none, because it checks no signatures. */
	public static final String ACCESS_KEY = "cGFyaXR5LXRlc3Qta2V5LW9mLWF0LWxlYXN0LTMyLWJ5dGVz";

	/** Endpoint of the connection string; the Node.js handler lists the same one in {@code allowedEndpoints}. */
	public static final String ENDPOINT = "http://localhost:8080";

	@Bean
	ListenerLog listenerLog() {
		return new ListenerLog();
	}

	@Bean
	ParityListeners parityListeners(ListenerLog listenerLog) {
		return new ParityListeners(listenerLog);
	}

}
