package io.webpubsub.emulator.spring;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.webpubsub.emulator.WebPubSubEmulator;
import io.webpubsub.spring.autoconfigure.WebPubSubClientAutoConfiguration;
import io.webpubsub.spring.autoconfigure.WebPubSubConfigurationException;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedEmulatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EmbeddedEmulatorAutoConfiguration.class,
				WebPubSubClientAutoConfiguration.class))
		.withPropertyValues("webpubsub.hub=chat");

	@Test
	void emulatorIsOffByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(WebPubSubEmulator.class);
			assertThat(context).doesNotHaveBean(WebPubSubServiceClient.class);
		});
	}

	@Test
	void enabledEmulatorServesClientAndStopsWithContext() {
		int[] port = new int[1];
		this.contextRunner.withPropertyValues("webpubsub.emulator.enabled=true", "webpubsub.emulator.port=0")
			.run((context) -> {
				WebPubSubEmulator emulator = context.getBean(WebPubSubEmulator.class);
				port[0] = emulator.port();
				assertThat(context.getBean(WebPubSubServiceClient.class).getEndpoint())
					.isEqualTo("http://localhost:" + port[0] + "/");
			});

		try (ServerSocket socket = new ServerSocket(port[0], 1, InetAddress.getByName("127.0.0.1"))) {
			assertThat(socket.getLocalPort()).as("port released after the context closed").isEqualTo(port[0]);
		}
		catch (java.io.IOException ex) {
			throw new AssertionError("The emulator still holds port " + port[0], ex);
		}
	}

	@Test
	void connectionStringKeepsEmulatorOff() {
		this.contextRunner
			.withPropertyValues("webpubsub.emulator.enabled=true", "webpubsub.emulator.port=0",
					"webpubsub.connection-string=Endpoint=https://contoso.webpubsub.azure.com;AccessKey="
							+ WebPubSubEmulator.DEFAULT_ACCESS_KEY + ";Version=1.0;")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(WebPubSubEmulator.class);
				assertThat(context.getBean(WebPubSubServiceClient.class).getEndpoint())
					.isEqualTo("https://contoso.webpubsub.azure.com/");
			});
	}

	@Test
	void takenPortFailsWithPropertyName() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			this.contextRunner
				.withPropertyValues("webpubsub.emulator.enabled=true", "webpubsub.emulator.port=" + taken.getLocalPort())
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).rootCause().isInstanceOf(WebPubSubConfigurationException.class)
						.hasMessageContaining("'webpubsub.emulator.port'");
				});
		}
	}

	@Test
	void shortKeyFailsWithPropertyName() {
		this.contextRunner
			.withPropertyValues("webpubsub.emulator.enabled=true", "webpubsub.emulator.port=0",
					"webpubsub.emulator.access-key=short")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'webpubsub.emulator.access-key'")
				.hasMessageContaining("at least 32 bytes"));
	}

}
