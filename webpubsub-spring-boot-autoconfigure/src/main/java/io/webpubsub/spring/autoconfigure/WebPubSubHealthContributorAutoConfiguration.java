package io.webpubsub.spring.autoconfigure;

import io.webpubsub.spring.client.WebPubSubServiceClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of a health indicator for the Web PubSub service, created when Spring Boot's health support is
 * on the classpath and a {@link WebPubSubServiceClient} exists. Its component is named {@code webpubsub}, and
 * {@code management.health.webpubsub.enabled=false} turns it off.
 */
@AutoConfiguration(after = WebPubSubClientAutoConfiguration.class)
@ConditionalOnClass(AbstractHealthIndicator.class)
@ConditionalOnBean(WebPubSubServiceClient.class)
@ConditionalOnEnabledHealthIndicator("webpubsub")
public final class WebPubSubHealthContributorAutoConfiguration {

	/** Named so the health component is {@code webpubsub}, matching {@code management.health.webpubsub.*}. */
	@Bean
	@ConditionalOnMissingBean(name = "webpubsubHealthIndicator")
	WebPubSubHealthIndicator webpubsubHealthIndicator(WebPubSubServiceClient client) {
		return new WebPubSubHealthIndicator(client);
	}

}
