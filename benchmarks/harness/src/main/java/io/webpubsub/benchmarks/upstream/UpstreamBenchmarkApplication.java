package io.webpubsub.benchmarks.upstream;

import java.io.IOException;
import java.util.Map;

import io.webpubsub.benchmarks.driver.DriverLoop;
import io.webpubsub.spring.eventhandler.WebPubSubEventListener;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The application under load in the upstream comparison: the starter's event endpoint with one {@code message}
 * listener, and beside it {@link PlainEventController}, the same work written as a plain {@code @PostMapping}.
 *
 * <p>It takes the port as its argument and the access key from the environment variable
 * {@code WEBPUBSUB_ACCESS_KEY}, prints {@code READY port=N} once the server listens, and stops when standard input
 * closes.
 */
@SpringBootApplication
public class UpstreamBenchmarkApplication {

	static final String HUB = "bench";

	/** The environment variable that carries the access key, which the arguments would expose in error messages. */
	static final String ACCESS_KEY_VARIABLE = "WEBPUBSUB_ACCESS_KEY";

	public static void main(String[] arguments) throws IOException {
		String accessKey = System.getenv(ACCESS_KEY_VARIABLE);
		if (arguments.length != 1 || accessKey == null || accessKey.isBlank()) {
			System.err.println("Usage: " + ACCESS_KEY_VARIABLE + "=<access key> UpstreamBenchmarkApplication <port>");
			System.exit(2);
		}
		String port = arguments[0];

		SpringApplication application = new SpringApplication(UpstreamBenchmarkApplication.class);
		application.setDefaultProperties(Map.of(
				"server.port", port,
				"server.address", "127.0.0.1",
				"logging.level.root", "WARN",
				"spring.main.banner-mode", "off",
				"webpubsub.hub", HUB,
				// The endpoint only names the key; this application never calls the service.
				"webpubsub.connection-string", "Endpoint=http://127.0.0.1:9;AccessKey=" + accessKey + ";Version=1.0;",
				"benchmark.access-key", accessKey));
		ConfigurableApplicationContext context = application.run();

		int actualPort = ((WebServerApplicationContext) context).getWebServer().getPort();
		DriverLoop.serve(Map.of("port", actualPort), words -> {
			throw new IllegalArgumentException("This process takes no commands");
		});
		context.close();
	}

	/** The listener under test: replies to each text message with the text it received. */
	@Component
	public static class MessageListener {

		@WebPubSubEventListener(hub = HUB, event = "message")
		public String message(String text) {
			return text;
		}

	}
}
