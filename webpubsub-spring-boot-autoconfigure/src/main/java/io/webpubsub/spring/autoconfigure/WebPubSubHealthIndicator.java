package io.webpubsub.spring.autoconfigure;

import io.webpubsub.spring.client.WebPubSubException;
import io.webpubsub.spring.client.WebPubSubServiceClient;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health indicator that calls the service's health endpoint once, without retries, and reports the endpoint and the
 * status the service returned.
 */
public class WebPubSubHealthIndicator extends AbstractHealthIndicator {

	private final WebPubSubServiceClient client;

	/** Creates an indicator that checks the service behind the given client. */
	public WebPubSubHealthIndicator(WebPubSubServiceClient client) {
		super("Web PubSub health check failed");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("endpoint", this.client.getEndpoint());
		try {
			this.client.checkServiceHealth();
			builder.up();
		}
		catch (WebPubSubException ex) {
			builder.down().withDetail("error", ex.getMessage());
			if (ex.getStatusCode() != 0) {
				builder.withDetail("status", ex.getStatusCode());
			}
		}
	}

}
