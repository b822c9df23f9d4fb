package io.webpubsub.spring.autoconfigure;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class WebPubSubHealthContributorAutoConfigurationTests {

	private static final String KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

	@StartStop
	final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WebPubSubClientAutoConfiguration.class,
					WebPubSubHealthContributorAutoConfiguration.class));

	@Test
	void indicatorIsCreatedWithClient() {
		withConnection().run((context) -> {
			assertThat(context).hasSingleBean(WebPubSubHealthIndicator.class);
			assertThat(context).as("bean name that gives the component name 'webpubsub'")
				.hasBean("webpubsubHealthIndicator");
		});
	}

	@Test
	void noIndicatorWithoutClient() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WebPubSubHealthIndicator.class));
	}

	@Test
	void noIndicatorWithoutHealthSupport() {
		withConnection().withClassLoader(new FilteredClassLoader(AbstractHealthIndicator.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(WebPubSubHealthIndicator.class);
			});
	}

	@Test
	void noIndicatorWhenDisabled() {
		withConnection().withPropertyValues("management.health.webpubsub.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebPubSubHealthIndicator.class));
	}

	@Test
	void healthyServiceIsUp() throws Exception {
		this.server.enqueue(new MockResponse.Builder().code(200).build());

		withConnection().run((context) -> {
			Health health = context.getBean(WebPubSubHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("endpoint", this.server.url("/").toString());
		});
		assertThat(this.server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/health");
	}

	@Test
	void unavailableServiceIsDownWithoutRetry() {
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(new MockResponse.Builder().code(200).build());

		withConnection().run((context) -> {
			Health health = context.getBean(WebPubSubHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("status", 503);
			assertThat(health.getDetails().get("error").toString()).contains("checkServiceHealth failed with HTTP 503");
		});
		assertThat(this.server.getRequestCount()).as("a single attempt").isEqualTo(1);
	}

	private ApplicationContextRunner withConnection() {
		return this.contextRunner.withPropertyValues("webpubsub.endpoint=" + this.server.url("/"),
				"webpubsub.key=" + KEY, "webpubsub.hub=chat");
	}

}
