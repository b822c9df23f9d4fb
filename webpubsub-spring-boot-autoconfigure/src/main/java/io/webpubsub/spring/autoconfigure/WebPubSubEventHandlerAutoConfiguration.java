package io.webpubsub.spring.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.webpubsub.spring.eventhandler.WebPubSubEventListener;
import io.webpubsub.spring.eventhandler.servlet.WebPubSubEventHandlerMapping;
import io.webpubsub.spring.eventhandler.servlet.WebPubSubEventHandlerRequestHandler;
import io.webpubsub.spring.eventhandler.support.EventHandlerSettings;
import io.webpubsub.spring.eventhandler.support.SignatureVerifier;
import io.webpubsub.spring.eventhandler.support.WebPubSubEventDispatcher;
import io.webpubsub.spring.eventhandler.support.WebPubSubEventListenerBeanPostProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of the event handler in a servlet web application: discovery of
 * {@link WebPubSubEventListener} methods, the dispatcher, and the endpoint at {@code webpubsub.event-handler.path}.
 */
@AutoConfiguration(after = WebPubSubClientAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = "webpubsub.event-handler.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WebPubSubProperties.class)
public final class WebPubSubEventHandlerAutoConfiguration {

	private static final Log logger = LogFactory.getLog(WebPubSubEventHandlerAutoConfiguration.class);

	private static final String PREFIX = "webpubsub.event-handler.";

	@Bean
	@ConditionalOnMissingBean
	static WebPubSubEventListenerBeanPostProcessor webPubSubEventListenerBeanPostProcessor(Environment environment,
			ObjectProvider<JsonMapper> jsonMapper) {
		String path = environment.getProperty(PREFIX + "path", "/eventhandler");
		return new WebPubSubEventListenerBeanPostProcessor(environment,
				() -> jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()), path);
	}

	@Bean
	@ConditionalOnMissingBean
	WebPubSubEventDispatcher webPubSubEventDispatcher(WebPubSubEventListenerBeanPostProcessor listeners,
			WebPubSubProperties properties, ObjectProvider<WebPubSubConnectionDetails> connectionDetails,
			ObjectProvider<JsonMapper> jsonMapper) {
		WebPubSubConnectionDetails details = connectionDetails.getIfAvailable();
		EventHandlerSettings settings = settings(properties.getEventHandler(), details);
		return new WebPubSubEventDispatcher(listeners.getRegistry(), settings,
				jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
	}

	@Bean
	@ConditionalOnMissingBean
	WebPubSubEventHandlerMapping webPubSubEventHandlerMapping(WebPubSubEventDispatcher dispatcher,
			WebPubSubEventListenerBeanPostProcessor listeners, WebPubSubProperties properties) {
		WebPubSubProperties.EventHandler eventHandler = properties.getEventHandler();
		String path = normalizePath(eventHandler.getPath());
		return new WebPubSubEventHandlerMapping(path, new WebPubSubEventHandlerRequestHandler(dispatcher),
				listeners.getRegistry(), Boolean.TRUE.equals(eventHandler.getEnabled()));
	}

	static EventHandlerSettings settings(WebPubSubProperties.EventHandler eventHandler,
			@Nullable WebPubSubConnectionDetails connectionDetails) {
		List<String> keys = new ArrayList<>();
		if (connectionDetails != null) {
			keys.add(connectionDetails.getConnectionString().accessKey());
		}
		eventHandler.getAdditionalKeys().stream().filter((key) -> key != null && !key.isBlank()).forEach(keys::add);

		Boolean validate = eventHandler.getValidateSignature();
		if (Boolean.TRUE.equals(validate) && keys.isEmpty()) {
			throw new WebPubSubConfigurationException(PREFIX + "validate-signature",
					"is true but no access key is known",
					"Set 'webpubsub.connection-string' or '" + PREFIX + "additional-keys', or set '" + PREFIX
							+ "validate-signature' to false.");
		}
		boolean validating = !Boolean.FALSE.equals(validate) && !keys.isEmpty();
		if (!validating) {
			logger.warn("Web PubSub event signatures are not checked, because "
					+ (keys.isEmpty() ? "no access key is configured" : "'" + PREFIX + "validate-signature' is false")
					+ ": any caller that reaches the event handler can send events");
		}

		if (eventHandler.getMaxBodySize().toBytes() <= 0) {
			throw new WebPubSubConfigurationException(PREFIX + "max-body-size",
					"is " + eventHandler.getMaxBodySize() + ", which is not positive", "Set a size such as 2MB.");
		}
		return new EventHandlerSettings(allowedOrigins(eventHandler, connectionDetails),
				validating ? new SignatureVerifier(keys) : null, eventHandler.getMaxBodySize().toBytes(),
				eventHandler.isDumpRequests());
	}

	private static List<String> allowedOrigins(WebPubSubProperties.EventHandler eventHandler,
			@Nullable WebPubSubConnectionDetails connectionDetails) {
		List<String> configured = eventHandler.getAllowedOrigins().stream()
			.filter((origin) -> origin != null && !origin.isBlank())
			.toList();
		if (!configured.isEmpty()) {
			return configured;
		}
		if (connectionDetails != null) {
			return List.of(URI.create(connectionDetails.getConnectionString().endpoint()).getHost());
		}
		return List.of("*");
	}

	private static String normalizePath(String path) {
		if (path == null || path.isBlank() || path.contains("*") || path.contains("{")) {
			throw new WebPubSubConfigurationException(PREFIX + "path", "value '" + path + "' is invalid",
					"Set a plain path such as '/eventhandler'; paths below it are accepted too.");
		}
		String normalized = path.startsWith("/") ? path : "/" + path;
		while (normalized.length() > 1 && normalized.endsWith("/")) {
			normalized = normalized.substring(0, normalized.length() - 1);
		}
		return normalized;
	}

}
