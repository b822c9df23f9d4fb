package io.webpubsub.spring.example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.webpubsub.spring.autoconfigure.WebPubSubClientAutoConfiguration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick start of the README: its snippet is this module's {@link Announcements}, and it works.
 */
class QuickStartExampleTests {

	private static final Path README = Path.of("..", "README.md");

	private static final Path EXAMPLES = Path.of("src/test/java/io/webpubsub/spring/example");

	@StartStop
	final MockWebServer server = new MockWebServer();

	@Test
	void readmeShowsCompiledQuickStart() throws IOException {
		String snippet = taggedRegion("Announcements.java", "quick-start");

		assertThat(Files.readString(README)).contains("```java\n" + snippet + "```");
	}

	@Test
	void readmeShowsCompiledStandaloneClient() throws IOException {
		String snippet = taggedRegion("StandaloneClient.java", "standalone").replace("\n\t\t", "\n").strip();

		assertThat(Files.readString(README)).contains("```java\n" + snippet + "\n```");
	}

	@Test
	void standaloneClientUsesConnectionString() {
		try (var client = StandaloneClient.create("Endpoint=http://localhost:8090;AccessKey=key;Version=1.0;")) {
			assertThat(client.getHub()).isEqualTo("chat");
			assertThat(client.getEndpoint()).isEqualTo("http://localhost:8090/");
		}
	}

	@Test
	void quickStartSendsAndMintsUrl() throws Exception {
		this.server.enqueue(new MockResponse.Builder().code(202).build());
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebPubSubClientAutoConfiguration.class))
			.withBean(Announcements.class)
			.withPropertyValues("webpubsub.connection-string=Endpoint=" + this.server.url("/")
					+ ";AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH;Version=1.0;", "webpubsub.hub=chat")
			.run((context) -> {
				Announcements announcements = context.getBean(Announcements.class);

				announcements.announce("Deploy finished");
				String url = announcements.clientUrlFor("alice");

				RecordedRequest request = this.server.takeRequest();
				assertThat(request.getUrl().encodedPath()).isEqualTo("/api/hubs/chat/:send");
				assertThat(request.getBody().utf8()).isEqualTo("{\"from\":\"system\",\"message\":\"Deploy finished\"}");
				assertThat(url).startsWith("ws://" + this.server.getHostName() + ":" + this.server.getPort()
						+ "/client/hubs/chat?access_token=");
			});
	}

	/** Returns the lines between the tag and end markers of an example file, as the README shows them. */
	private static String taggedRegion(String file, String tag) throws IOException {
		String source = Files.readString(EXAMPLES.resolve(file));
		String start = "// tag::" + tag + "[]\n";
		int begin = source.indexOf(start);
		int end = source.indexOf("// end::" + tag + "[]");
		assertThat(begin).as("start marker of %s in %s", tag, file).isNotNegative();
		assertThat(end).as("end marker of %s in %s", tag, file).isGreaterThan(begin);
		String region = source.substring(begin + start.length(), end);
		return region.substring(0, region.lastIndexOf('\n') + 1);
	}

}
