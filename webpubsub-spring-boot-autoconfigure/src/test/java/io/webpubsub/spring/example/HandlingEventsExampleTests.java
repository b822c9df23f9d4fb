package io.webpubsub.spring.example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.webpubsub.spring.autoconfigure.WebPubSubClientAutoConfiguration;
import io.webpubsub.spring.autoconfigure.WebPubSubEventHandlerAutoConfiguration;
import io.webpubsub.spring.eventhandler.support.SignatureVerifier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The "Handling events" example of the README: its snippet is {@link ChatEvents}, and it works.
 */
class HandlingEventsExampleTests {

	private static final String KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

	private static final SignatureVerifier SIGNER = new SignatureVerifier(List.of(KEY));

	@StartStop
	final MockWebServer service = new MockWebServer();

	@Test
	void readmeShowsCompiledExample() throws IOException {
		String source = Files.readString(Path.of("src/test/java/io/webpubsub/spring/example/ChatEvents.java"));
		String start = "// tag::handling-events[]\n";
		String snippet = source.substring(source.indexOf(start) + start.length(),
				source.indexOf("// end::handling-events[]"));

		assertThat(Files.readString(Path.of("..", "README.md"))).contains("```java\n" + snippet + "```");
	}

	@Test
	void exampleAcceptsAndBroadcasts() {
		this.service.enqueue(new MockResponse.Builder().code(202).build());
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebPubSubClientAutoConfiguration.class,
					WebPubSubEventHandlerAutoConfiguration.class))
			.withBean(ChatEvents.class)
			.withPropertyValues("webpubsub.endpoint=" + this.service.url("/"), "webpubsub.key=" + KEY,
					"webpubsub.hub=chat")
			.run((context) -> {
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();

				mvc.perform(event("azure.webpubsub.sys.connect").contentType("application/json")
						.content("{\"claims\":{\"sub\":[\"alice\"]}}"))
					.andExpect(status().isOk())
					.andExpect(content().json("{\"userId\":\"alice\",\"groups\":[\"lobby\"]}", true));
				mvc.perform(event("azure.webpubsub.sys.connect").contentType("application/json").content("{}"))
					.andExpect(status().isUnauthorized())
					.andExpect(content().string("Sign in before joining the chat"));
				mvc.perform(event("azure.webpubsub.user.message").contentType("text/plain").content("hi all"))
					.andExpect(status().isOk())
					.andExpect(content().string("delivered"))
					.andExpect(header().string("ce-connectionState", "eyJzZW50IjoxfQ=="));

				RecordedRequest broadcast = this.service.takeRequest();
				assertThat(broadcast.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/:send");
				assertThat(broadcast.getBody().utf8()).isEqualTo("{\"from\":\"alice\",\"message\":\"hi all\"}");
			});
	}

	private static MockHttpServletRequestBuilder event(String ceType) {
		return post("/eventhandler").header("ce-awpsversion", "1.0")
			.header("ce-specversion", "1.0")
			.header("ce-type", ceType)
			.header("ce-hub", "chat")
			.header("ce-connectionId", "conn-1")
			.header("ce-userId", "alice")
			.header("ce-signature", SIGNER.sign("conn-1"))
			.header("WebHook-Request-Origin", "127.0.0.1");
	}

}
