package io.webpubsub.spring.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicReference;

import io.webpubsub.spring.client.WebPubSubConnectionString;
import io.webpubsub.spring.client.WebPubSubException;
import io.webpubsub.spring.client.WebPubSubMessage;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WebPubSubClientAutoConfigurationTests {

	private static final String KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

	private static final String CONNECTION_STRING = "Endpoint=https://contoso.webpubsub.azure.com;AccessKey=" + KEY
			+ ";Version=1.0;";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebPubSubClientAutoConfiguration.class));

	@StartStop
	final MockWebServer server = new MockWebServer();

	@Test
	void clientIsCreatedFromConnectionString() {
		this.contextRunner
			.withPropertyValues("webpubsub.connection-string=" + CONNECTION_STRING, "webpubsub.hub=chat")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebPubSubServiceClient.class);
				WebPubSubServiceClient client = context.getBean(WebPubSubServiceClient.class);
				assertThat(client.getHub()).isEqualTo("chat");
				assertThat(client.getEndpoint()).isEqualTo("https://contoso.webpubsub.azure.com/");
			});
	}

	@Test
	void clientIsCreatedFromEndpointAndKey() {
		this.contextRunner
			.withPropertyValues("webpubsub.endpoint=http://localhost:8090", "webpubsub.key=" + KEY,
					"webpubsub.hub=chat")
			.run((context) -> assertThat(context.getBean(WebPubSubServiceClient.class).getEndpoint())
				.isEqualTo("http://localhost:8090/"));
	}

	@Test
	void noClientWithoutConnectionSettings() {
		this.contextRunner.withPropertyValues("webpubsub.hub=chat").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WebPubSubServiceClient.class);
			assertThat(context).doesNotHaveBean(WebPubSubConnectionDetails.class);
		});
	}

	@Test
	void clientBacksOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class)
			.withPropertyValues("webpubsub.connection-string=" + CONNECTION_STRING, "webpubsub.hub=chat")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebPubSubServiceClient.class);
				assertThat(context.getBean(WebPubSubServiceClient.class).getHub()).isEqualTo("userHub");
			});
	}

	@Test
	void connectionDetailsBeanReplacesProperties() {
		this.contextRunner.withUserConfiguration(UserConnectionDetailsConfiguration.class)
			.withPropertyValues("webpubsub.hub=chat")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebPubSubConnectionDetails.class);
				assertThat(context).doesNotHaveBean(PropertiesWebPubSubConnectionDetails.class);
				assertThat(context.getBean(WebPubSubServiceClient.class).getEndpoint())
					.isEqualTo("http://127.0.0.1:18090/");
			});
	}

	@Test
	void clientPropertiesReachHttpClient() {
		this.server.enqueue(new MockResponse.Builder().code(202).build());
		AtomicReference<OkHttpClient> configured = new AtomicReference<>();
		this.contextRunner
			.withBean(WebPubSubHttpClientCustomizer.class, () -> (builder) -> configured.set(builder.build()))
			.withPropertyValues("webpubsub.endpoint=" + this.server.url("/"), "webpubsub.key=" + KEY,
					"webpubsub.hub=chat", "webpubsub.client.connect-timeout=3s", "webpubsub.client.read-timeout=4s",
					"webpubsub.client.write-timeout=5s", "webpubsub.client.keep-alive=1m",
					"webpubsub.client.max-idle-connections=7")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(configured.get()).as("the HTTP client is built on the first request, not at startup")
					.isNull();

				context.getBean(WebPubSubServiceClient.class).sendToAll(WebPubSubMessage.text("hi"));
				OkHttpClient httpClient = configured.get();
				assertThat(httpClient.connectTimeoutMillis()).isEqualTo(3000);
				assertThat(httpClient.readTimeoutMillis()).isEqualTo(4000);
				assertThat(httpClient.writeTimeoutMillis()).isEqualTo(5000);
				assertThat(httpClient.interceptors()).as("customizers run before the client's interceptors")
					.isEmpty();
			});
	}

	@Test
	void customizersRunInOrder() {
		this.server.enqueue(new MockResponse.Builder().code(202).build());
		StringBuilder calls = new StringBuilder();
		this.contextRunner.withUserConfiguration(OrderedCustomizersConfiguration.class)
			.withBean(StringBuilder.class, () -> calls)
			.withPropertyValues("webpubsub.endpoint=" + this.server.url("/"), "webpubsub.key=" + KEY,
					"webpubsub.hub=chat")
			.run((context) -> {
				context.getBean(WebPubSubServiceClient.class).sendToAll(WebPubSubMessage.text("hi"));
				assertThat(calls).hasToString("first,second,");
			});
	}

	@Test
	void retryPropertiesBind() throws Exception {
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(new MockResponse.Builder().code(202).build());
		this.contextRunner
			.withPropertyValues("webpubsub.endpoint=" + this.server.url("/"), "webpubsub.key=" + KEY,
					"webpubsub.hub=chat", "webpubsub.client.retry.max-attempts=2",
					"webpubsub.client.retry.initial-delay=1ms", "webpubsub.client.retry.max-delay=2ms")
			.run((context) -> {
				WebPubSubServiceClient client = context.getBean(WebPubSubServiceClient.class);
				assertThatExceptionOfType(WebPubSubException.class)
					.isThrownBy(() -> client.sendToAll(WebPubSubMessage.text("hi")))
					.withMessageContaining("HTTP 503");
				assertThat(this.server.getRequestCount()).as("two attempts in all").isEqualTo(2);
			});
	}

	@Test
	void applicationJsonMapperIsUsed() throws Exception {
		this.server.enqueue(new MockResponse.Builder().code(202).build());
		this.contextRunner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.withPropertyValues("webpubsub.endpoint=" + this.server.url("/"), "webpubsub.key=" + KEY,
					"webpubsub.hub=chat", "spring.jackson.property-naming-strategy=SNAKE_CASE")
			.run((context) -> {
				assertThat(context).hasSingleBean(JsonMapper.class);
				context.getBean(WebPubSubServiceClient.class).sendToAll(WebPubSubMessage.json(new Greeting("alice")));
				assertThat(this.server.takeRequest().getBody().utf8()).isEqualTo("{\"user_name\":\"alice\"}");
			});
	}

	@Test
	void userJsonMapperIsUsed() throws Exception {
		this.server.enqueue(new MockResponse.Builder().code(202).build());
		this.contextRunner
			.withBean(JsonMapper.class,
					() -> JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE).build())
			.withPropertyValues("webpubsub.endpoint=" + this.server.url("/"), "webpubsub.key=" + KEY,
					"webpubsub.hub=chat")
			.run((context) -> {
				context.getBean(WebPubSubServiceClient.class).sendToAll(WebPubSubMessage.json(new Greeting("bob")));
				assertThat(this.server.takeRequest().getBody().utf8()).isEqualTo("{\"user-name\":\"bob\"}");
			});
	}

	@Test
	void missingHubFailsWithPropertyName() {
		this.contextRunner.withPropertyValues("webpubsub.connection-string=" + CONNECTION_STRING)
			.run((context) -> assertThat(analyze(context)).satisfies((analysis) -> {
				assertThat(analysis.getDescription()).contains("'webpubsub.hub' is missing");
				assertThat(analysis.getAction()).contains("Set 'webpubsub.hub'");
			}));
	}

	@Test
	void invalidHubFailsWithPropertyName() {
		this.contextRunner.withPropertyValues("webpubsub.connection-string=" + CONNECTION_STRING, "webpubsub.hub=9chat")
			.run((context) -> assertThat(analyze(context).getDescription()).contains("'webpubsub.hub' is invalid")
				.contains("'9chat'"));
	}

	@Test
	void malformedConnectionStringFailsWithoutKey() {
		this.contextRunner
			.withPropertyValues("webpubsub.connection-string=Endpoint=not a url;AccessKey=" + KEY, "webpubsub.hub=chat")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("'webpubsub.connection-string' is invalid")
					.contains("is not a valid URL")
					.doesNotContain(KEY);
				assertThat(analysis.getAction()).contains("Keys page").doesNotContain(KEY);
				assertThat(stackTraceOf(context.getStartupFailure())).doesNotContain(KEY);
			});
	}

	@Test
	void connectionStringWithoutKeyFails() {
		this.contextRunner
			.withPropertyValues("webpubsub.connection-string=Endpoint=https://a.example;Version=1.0", "webpubsub.hub=chat")
			.run((context) -> assertThat(analyze(context).getDescription()).contains("no 'AccessKey'"));
	}

	@Test
	void endpointWithoutKeyFails() {
		this.contextRunner.withPropertyValues("webpubsub.endpoint=https://a.example", "webpubsub.hub=chat")
			.run((context) -> assertThat(analyze(context)).satisfies((analysis) -> {
				assertThat(analysis.getDescription()).contains("'webpubsub.key' is missing");
				assertThat(analysis.getAction()).contains("Set 'webpubsub.key'");
			}));
	}

	@Test
	void keyWithoutEndpointFails() {
		this.contextRunner.withPropertyValues("webpubsub.key=" + KEY, "webpubsub.hub=chat")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("'webpubsub.endpoint' is missing").doesNotContain(KEY);
			});
	}

	@Test
	void connectionStringAndEndpointTogetherFail() {
		this.contextRunner
			.withPropertyValues("webpubsub.connection-string=" + CONNECTION_STRING, "webpubsub.endpoint=https://b.example",
					"webpubsub.hub=chat")
			.run((context) -> assertThat(analyze(context).getAction()).contains("not both"));
	}

	@Test
	void invalidTimeoutFailsWithPropertyName() {
		this.contextRunner
			.withPropertyValues("webpubsub.connection-string=" + CONNECTION_STRING, "webpubsub.hub=chat",
					"webpubsub.client.read-timeout=0s")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("'webpubsub.client.read-timeout' is invalid"));
	}

	@Test
	void invalidRetryFailsWithPropertyName() {
		this.contextRunner
			.withPropertyValues("webpubsub.connection-string=" + CONNECTION_STRING, "webpubsub.hub=chat",
					"webpubsub.client.retry.max-attempts=0")
			.run((context) -> assertThat(analyze(context).getDescription()).contains("'webpubsub.client.retry'")
				.contains("'maxAttempts' value 0"));
	}

	@Test
	void missingClientInjectionNamesProperties() {
		this.contextRunner.withUserConfiguration(ClientConsumerConfiguration.class).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("WebPubSubServiceClient is required");
			assertThat(analysis.getAction()).contains("'webpubsub.connection-string'").contains("'webpubsub.hub'");
		});
	}

	@Test
	void unrelatedFailureIsNotAnalyzed() {
		assertThat(new WebPubSubFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new WebPubSubFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	private static String stackTraceOf(Throwable failure) {
		StringWriter text = new StringWriter();
		failure.printStackTrace(new PrintWriter(text));
		return text.toString();
	}

	record Greeting(String userName) {
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		WebPubSubServiceClient userClient() {
			return WebPubSubServiceClient.builder().endpoint("http://localhost:1", KEY).hub("userHub").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserConnectionDetailsConfiguration {

		@Bean
		WebPubSubConnectionDetails emulatorConnectionDetails() {
			return () -> new WebPubSubConnectionString("http://127.0.0.1:18090", KEY);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizersConfiguration {

		@Bean
		@Order(2)
		WebPubSubHttpClientCustomizer second(StringBuilder calls) {
			return (builder) -> calls.append("second,");
		}

		@Bean
		@Order(1)
		WebPubSubHttpClientCustomizer first(StringBuilder calls) {
			return (builder) -> calls.append("first,");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientConsumerConfiguration {

		@Bean
		String needsClient(WebPubSubServiceClient client) {
			return client.getHub();
		}

	}

}
