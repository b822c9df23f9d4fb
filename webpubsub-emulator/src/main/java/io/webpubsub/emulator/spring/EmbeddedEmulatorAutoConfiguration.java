package io.webpubsub.emulator.spring;

import io.webpubsub.emulator.WebPubSubEmulator;
import io.webpubsub.spring.autoconfigure.WebPubSubClientAutoConfiguration;
import io.webpubsub.spring.autoconfigure.WebPubSubConfigurationException;
import io.webpubsub.spring.autoconfigure.WebPubSubConnectionDetails;
import io.webpubsub.spring.client.WebPubSubConnectionString;
import io.webpubsub.spring.eventhandler.support.WebPubSubEventListenerBeanPostProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Starts the emulator inside the application when {@code webpubsub.emulator.enabled=true} and no connection string
 * or endpoint points at a real service, points the client bean at it, and once the web server runs, sends the events of every hub with listeners to the application's own event
 * handler. The emulator stops with the application context.
 */
@AutoConfiguration(before = WebPubSubClientAutoConfiguration.class)
@ConditionalOnClass(WebPubSubConnectionDetails.class)
@ConditionalOnBooleanProperty("webpubsub.emulator.enabled")
@Conditional(NoServiceConfiguredCondition.class)
@EnableConfigurationProperties(WebPubSubEmulatorProperties.class)
public final class EmbeddedEmulatorAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedEmulatorAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	WebPubSubEmulator webPubSubEmulator(WebPubSubEmulatorProperties properties) {
		WebPubSubEmulator emulator;
		try {
			emulator = WebPubSubEmulator.start(properties.getPort(), properties.getAccessKey());
		}
		catch (IllegalArgumentException ex) {
			throw new WebPubSubConfigurationException("webpubsub.emulator.access-key", "or port is invalid: "
					+ ex.getMessage(), "Set 'webpubsub.emulator.port' to 0-65535 and 'webpubsub.emulator.access-key' "
							+ "to at least 32 bytes.");
		}
		catch (RuntimeException ex) {
			throw new WebPubSubConfigurationException("webpubsub.emulator.port", "value " + properties.getPort()
					+ " cannot be used: " + ex.getMessage(), "Free the port, or set 'webpubsub.emulator.port' to "
							+ "another port or to 0 for any free port.");
		}
		try {
			properties.getUpstream().forEach(emulator::setUpstream);
		}
		catch (IllegalArgumentException ex) {
			emulator.close();
			throw new WebPubSubConfigurationException("webpubsub.emulator.upstream", "is invalid: " + ex.getMessage(),
					"Set each hub's value to an http or https URL template such as "
							+ "'http://localhost:9000/events/{event}'.");
		}
		return emulator;
	}

	@Bean
	@ConditionalOnMissingBean(WebPubSubConnectionDetails.class)
	WebPubSubConnectionDetails emulatorConnectionDetails(WebPubSubEmulator emulator,
			WebPubSubEmulatorProperties properties) {
		WebPubSubConnectionString connectionString = new WebPubSubConnectionString(emulator.endpoint(),
				properties.getAccessKey());
		return () -> connectionString;
	}

	@Bean
	@ConditionalOnClass(WebServerInitializedEvent.class)
	ApplicationListener<WebServerInitializedEvent> emulatorUpstreamRegistration(WebPubSubEmulator emulator,
			ObjectProvider<WebPubSubEventListenerBeanPostProcessor> listeners, Environment environment) {
		return (event) -> {
			WebPubSubEventListenerBeanPostProcessor discovered = listeners.getIfAvailable();
			if (discovered == null) {
				return;
			}
			String contextPath = environment.getProperty("server.servlet.context-path", "");
			String path = environment.getProperty("webpubsub.event-handler.path", "/eventhandler");
			String template = "http://localhost:" + event.getWebServer().getPort() + contextPath
					+ (path.startsWith("/") ? path : "/" + path) + "/{event}";
			for (String hub : discovered.getRegistry().getListenerHubs()) {
				emulator.setUpstream(hub, template);
			}
			logger.debug("Embedded emulator sends events of {} to {}", discovered.getRegistry().getListenerHubs(),
					template);
		};
	}

}
