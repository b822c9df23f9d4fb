package io.webpubsub.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A real application start, showing that the failure analyzer is registered and its report reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalyzerRegistrationTests {

	@Test
	void startupReportNamesMissingProperty(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatException().isThrownBy(() -> application
			.run("--webpubsub.endpoint=https://contoso.webpubsub.azure.com", "--webpubsub.hub=chat").close());

		assertThat(output).contains("APPLICATION FAILED TO START");
		assertThat(output).contains("Invalid Web PubSub configuration: 'webpubsub.key' is missing");
		assertThat(output).contains("Set 'webpubsub.key' to an access key");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class MinimalApplication {

	}

}
