package io.webpubsub.spring.autoconfigure;

import io.webpubsub.spring.eventhandler.ConnectEvent;
import io.webpubsub.spring.eventhandler.ConnectResponse;
import io.webpubsub.spring.eventhandler.ConnectedEvent;
import io.webpubsub.spring.eventhandler.WebPubSubEventListener;
import io.webpubsub.spring.eventhandler.servlet.WebPubSubEventHandlerMapping;
import io.webpubsub.spring.eventhandler.support.WebPubSubEventDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * When the event handler is registered, and how bad listeners and settings fail startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebPubSubEventHandlerAutoConfigurationTests {

	private static final String KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebPubSubClientAutoConfiguration.class,
				WebPubSubEventHandlerAutoConfiguration.class))
		.withPropertyValues("webpubsub.hub=chat");

	@Test
	void endpointServesListeners() {
		this.contextRunner.withUserConfiguration(ValidListener.class)
			.withPropertyValues("webpubsub.endpoint=https://contoso.webpubsub.azure.com", "webpubsub.key=" + KEY)
			.run((context) -> {
				assertThat(context).hasSingleBean(WebPubSubEventDispatcher.class);
				mockMvc(context).perform(options("/eventhandler").header("WebHook-Request-Origin",
						"contoso.webpubsub.azure.com"))
					.andExpect(status().isOk())
					.andExpect(header().string("WebHook-Allowed-Origin", "contoso.webpubsub.azure.com"));
			});
	}

	@Test
	void pathIsConfigurable() {
		this.contextRunner.withUserConfiguration(ValidListener.class)
			.withPropertyValues("webpubsub.event-handler.path=/api/webpubsub/", "webpubsub.event-handler.allowed-origins=*")
			.run((context) -> {
				MockMvc mvc = mockMvc(context);
				mvc.perform(options("/api/webpubsub/hubs/chat").header("WebHook-Request-Origin", "any.example"))
					.andExpect(status().isOk())
					.andExpect(header().string("WebHook-Allowed-Origin", "any.example"));
				mvc.perform(options("/eventhandler").header("WebHook-Request-Origin", "any.example"))
					.andExpect(status().isNotFound());
			});
	}

	@Test
	void endpointIsFreeWithoutListeners() {
		this.contextRunner.run((context) -> mockMvc(context)
			.perform(options("/eventhandler").header("WebHook-Request-Origin", "localhost"))
			.andExpect(status().isNotFound()));
	}

	@Test
	void enabledPropertyServesEndpointWithoutListeners() {
		this.contextRunner.withPropertyValues("webpubsub.event-handler.enabled=true")
			.run((context) -> mockMvc(context)
				.perform(options("/eventhandler").header("WebHook-Request-Origin", "localhost"))
				.andExpect(status().isOk()));
	}

	@Test
	void disabledPropertyRemovesEndpoint() {
		this.contextRunner.withUserConfiguration(ValidListener.class)
			.withPropertyValues("webpubsub.event-handler.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(WebPubSubEventDispatcher.class);
				assertThat(context).doesNotHaveBean(WebPubSubEventHandlerMapping.class);
			});
	}

	@Test
	void noEndpointOutsideServletApplications() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebPubSubEventHandlerAutoConfiguration.class))
			.withUserConfiguration(ValidListener.class)
			.run((context) -> assertThat(context).doesNotHaveBean(WebPubSubEventDispatcher.class));
	}

	@Test
	void startupListsListeners(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ValidListener.class)
			.run((context) -> assertThat(output).contains("Web PubSub event listeners at /eventhandler: chat/connect, "
					+ "chat/connected"));
	}

	@Test
	void missingKeyWarnsThatSignaturesAreNotChecked(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ValidListener.class)
			.run((context) -> assertThat(output).contains("Web PubSub event signatures are not checked, because no "
					+ "access key is configured"));
	}

	@Test
	void duplicateListenerFailsStartup() {
		this.contextRunner.withUserConfiguration(ValidListener.class, DuplicateListener.class)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("DuplicateListener.again(ConnectedEvent)")
					.contains("of bean 'webPubSubEventHandlerAutoConfigurationTests.DuplicateListener'")
					.contains("event 'connected' of hub 'chat' already has a listener")
					.contains("ValidListener.connected(ConnectedEvent)");
				assertThat(analysis.getAction()).contains("Keep one listener per hub and event");
			});
	}

	@Test
	void duplicateDiffersOnlyInCase() {
		this.contextRunner.withUserConfiguration(ValidListener.class, UpperCaseDuplicateListener.class)
			.run((context) -> assertThat(analyze(context).getDescription()).contains("already has a listener"));
	}

	@Test
	void nonPublicListenerFailsStartup() {
		this.contextRunner.withUserConfiguration(NonPublicListener.class)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("NonPublicListener.hidden(String)")
					.contains("the method is not public");
				assertThat(analysis.getAction()).isEqualTo("Make the method public.");
			});
	}

	@Test
	void unsupportedParameterFailsStartup() {
		this.contextRunner.withUserConfiguration(WrongParameterListener.class)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("parameter 0 of type java.lang.String cannot be supplied for event 'connected'");
				assertThat(analysis.getAction()).contains("ConnectedEvent or ConnectionContext");
			});
	}

	@Test
	void wrongEventObjectFailsStartup() {
		this.contextRunner.withUserConfiguration(WrongEventListener.class)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("parameter 0 of type " + ConnectEvent.class.getName() + " cannot be supplied for event "
						+ "'message'"));
	}

	@Test
	void unsupportedReturnTypeFailsStartup() {
		this.contextRunner.withUserConfiguration(WrongReturnListener.class)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("the return type java.lang.String cannot be sent as the "
						+ "reply to event 'disconnected'");
				assertThat(analysis.getAction()).contains("Return void");
			});
	}

	@Test
	void connectResponseFromUserEventFailsStartup() {
		this.contextRunner.withUserConfiguration(ConnectResponseFromMessageListener.class)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("cannot be sent as the reply to event 'message'"));
	}

	@Test
	void listenerWithoutHubFailsStartup() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebPubSubEventHandlerAutoConfiguration.class))
			.withUserConfiguration(ValidListener.class)
			.run((context) -> assertThat(analyze(context).getAction())
				.contains("Set 'hub' on the annotation or the property 'webpubsub.hub'"));
	}

	@Test
	void signatureCheckWithoutKeyFailsStartup() {
		this.contextRunner.withUserConfiguration(ValidListener.class)
			.withPropertyValues("webpubsub.event-handler.validate-signature=true")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("'webpubsub.event-handler.validate-signature' is true but no access key is known"));
	}

	@Test
	void invalidPathFailsStartup() {
		this.contextRunner.withUserConfiguration(ValidListener.class)
			.withPropertyValues("webpubsub.event-handler.path=/events/{event}")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("'webpubsub.event-handler.path' value '/events/{event}' is invalid"));
	}

	private static MockMvc mockMvc(AssertableWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		return MockMvcBuilders.webAppContextSetup(context).build();
	}

	private static FailureAnalysis analyze(AssertableWebApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new WebPubSubFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class ValidListener {

		@WebPubSubEventListener(event = "connect")
		public ConnectResponse connect(ConnectEvent event) {
			return ConnectResponse.accept();
		}

		@WebPubSubEventListener(event = "connected")
		public void connected(ConnectedEvent event) {
		}

	}

	static class DuplicateListener {

		@WebPubSubEventListener(event = "connected")
		public void again(ConnectedEvent event) {
		}

	}

	static class UpperCaseDuplicateListener {

		@WebPubSubEventListener(hub = "CHAT", event = "Connected")
		public void again(ConnectedEvent event) {
		}

	}

	static class NonPublicListener {

		@WebPubSubEventListener(event = "message")
		String hidden(String text) {
			return text;
		}

	}

	static class WrongParameterListener {

		@WebPubSubEventListener(event = "connected")
		public void connected(String text) {
		}

	}

	static class WrongEventListener {

		@WebPubSubEventListener(event = "message")
		public void message(ConnectEvent event) {
		}

	}

	static class WrongReturnListener {

		@WebPubSubEventListener(event = "disconnected")
		public String disconnected() {
			return "bye";
		}

	}

	static class ConnectResponseFromMessageListener {

		@WebPubSubEventListener(event = "message")
		public ConnectResponse message(String text) {
			return ConnectResponse.accept();
		}

	}

}
