package io.webpubsub.emulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmulatorMainTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void helpListsOptions() {
		int status = run("--help");

		assertThat(status).isZero();
		assertThat(out()).contains("--port PORT").contains("--access-key KEY").contains("--upstream HUB=URL");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"--port|'--port' needs a value",
			"--port=abc|'--port' value 'abc' is not a number",
			"--port=70000|'--port' value 70000 is outside 0-65535",
			"--access-key=short|'--access-key' is 5 bytes long: use at least 32 bytes",
			"--upstream=chat|'--upstream' value 'chat' is not HUB=URL_TEMPLATE",
			"--upstream=chat=ftp://x|'--upstream' URL template 'ftp://x' is not an http or https URL",
			"--verbose|unknown option '--verbose'" })
	void invalidFlagExitsWithMessage(String argument, String message) {
		int status = run(argument.split(" "));

		assertThat(status).isEqualTo(2);
		assertThat(err()).contains(message).contains("--help");
	}

	@Test
	void optionsParseTogether() {
		EmulatorOptions options = EmulatorOptions.parse(new String[] { "--port", "0", "--access-key",
				"k".repeat(32), "--upstream", "chat=http://localhost:8080/eventhandler/{event}",
				"--upstream=other=http://localhost:8081/{hub}/{event}" });

		assertThat(options.port()).isZero();
		assertThat(options.accessKey()).isEqualTo("k".repeat(32));
		assertThat(options.upstreams()).containsEntry("chat", "http://localhost:8080/eventhandler/{event}")
			.containsEntry("other", "http://localhost:8081/{hub}/{event}");
	}

	@Test
	void startPrintsConnectionString() {
		int status = run("--port=0", "--upstream=chat=http://localhost:9/eventhandler/{event}");

		assertThat(status).isEqualTo(-1);
		assertThat(out()).contains("Web PubSub emulator listening on http://localhost:")
			.contains("Connection string: Endpoint=http://localhost;Port=")
			.contains("AccessKey=" + WebPubSubEmulator.DEFAULT_ACCESS_KEY)
			.contains("Events of hub chat go to http://localhost:9/eventhandler/{event}");
		EmulatorMain.stopForTests();
	}

	private int run(String... args) {
		return EmulatorMain.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
