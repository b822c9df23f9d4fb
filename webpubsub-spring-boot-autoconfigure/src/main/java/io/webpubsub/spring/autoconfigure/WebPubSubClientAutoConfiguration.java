package io.webpubsub.spring.autoconfigure;

import io.webpubsub.spring.client.RetryOptions;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import io.webpubsub.spring.client.WebPubSubServiceClientBuilder;
import okhttp3.OkHttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of a {@link WebPubSubServiceClient} for {@code webpubsub.hub}, created when a connection string,
 * or an endpoint and key, are set or a {@link WebPubSubConnectionDetails} bean exists.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({ OkHttpClient.class, WebPubSubServiceClient.class })
@EnableConfigurationProperties(WebPubSubProperties.class)
public final class WebPubSubClientAutoConfiguration {

	private static final String HUB = "webpubsub.hub";

	@Bean
	@ConditionalOnMissingBean(WebPubSubConnectionDetails.class)
	@Conditional(OnWebPubSubCredentialsCondition.class)
	PropertiesWebPubSubConnectionDetails webPubSubConnectionDetails(WebPubSubProperties properties) {
		return new PropertiesWebPubSubConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(WebPubSubConnectionDetails.class)
	WebPubSubServiceClient webPubSubServiceClient(WebPubSubConnectionDetails connectionDetails,
			WebPubSubProperties properties, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<WebPubSubHttpClientCustomizer> customizers) {
		WebPubSubServiceClientBuilder builder = WebPubSubServiceClient.builder()
			.connectionString(connectionDetails.getConnectionString());
		applyHub(builder, properties.getHub());
		applyClientSettings(builder, properties.getClient());
		if (properties.getReverseProxyEndpoint() != null && !properties.getReverseProxyEndpoint().isBlank()) {
			applySetting("webpubsub.reverse-proxy-endpoint",
					() -> builder.reverseProxyEndpoint(properties.getReverseProxyEndpoint()));
		}
		jsonMapper.ifAvailable(builder::jsonMapper);
		customizers.orderedStream().forEach((customizer) -> builder.httpClientCustomizer(customizer::customize));
		return builder.build();
	}

	private static void applyHub(WebPubSubServiceClientBuilder builder, String hub) {
		if (hub == null || hub.isBlank()) {
			throw new WebPubSubConfigurationException(HUB, "is missing",
					"Set '" + HUB + "' to the name of the hub the application works on, such as 'chat'.");
		}
		applySetting(HUB, () -> builder.hub(hub));
	}

	private static void applyClientSettings(WebPubSubServiceClientBuilder builder, WebPubSubProperties.Client client) {
		applySetting("webpubsub.client.connect-timeout", () -> builder.connectTimeout(client.getConnectTimeout()));
		applySetting("webpubsub.client.read-timeout", () -> builder.readTimeout(client.getReadTimeout()));
		applySetting("webpubsub.client.write-timeout", () -> builder.writeTimeout(client.getWriteTimeout()));
		applySetting("webpubsub.client.max-idle-connections",
				() -> builder.maxIdleConnections(client.getMaxIdleConnections()));
		applySetting("webpubsub.client.keep-alive", () -> builder.keepAlive(client.getKeepAlive()));
		WebPubSubProperties.Retry retry = client.getRetry();
		applySetting("webpubsub.client.retry", () -> builder.retryOptions(new RetryOptions(retry.getMaxAttempts(),
				retry.getInitialDelay(), retry.getMaxDelay(), retry.getMaxElapsedTime())));
	}

	/** Runs one builder call and reports a rejected value as a configuration error naming the property. */
	private static void applySetting(String property, Runnable setting) {
		try {
			setting.run();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new WebPubSubConfigurationException(property, "is invalid: " + ex.getMessage(),
					"Fix the value of '" + property + "' as the message above says.");
		}
	}

}
