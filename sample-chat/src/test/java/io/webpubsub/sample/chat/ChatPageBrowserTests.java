package io.webpubsub.sample.chat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The chat page in a real browser: {@code browser-test/chat.mjs} drives Debian's Chromium through playwright-core as
 * alice and bob against this app and its embedded emulator, both on free ports on 127.0.0.1. The script joins both
 * users, sends messages with Enter and with the Send button, submits a name and a message over the limits, closes
 * bob's page, and writes a screenshot of bob's page to {@code target/chat-screenshot.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "webpubsub.emulator.port=0" })
class ChatPageBrowserTests {

	private static final Logger logger = LoggerFactory.getLogger(ChatPageBrowserTests.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	/** Longer than the script's own limit of 90 s, so the script normally reports a hung run itself. */
	private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private static final List<String> EXPECTED_CHECKS = List.of("join", "send with Enter", "send with button",
			"screenshot", "name too long", "message too long", "leave", "reconnect", "no page errors",
			"loopback only");

	@LocalServerPort
	int port;

	@Test
	void twoUsersChatInChromium() throws Exception {
		if (!Files.isExecutable(CHROMIUM)) {
			fail(CHROMIUM + " is missing: install Debian's chromium package ('apt-get install chromium'), "
					+ "as .ci/run does, to run the browser test of the chat page");
		}
		Path scriptDirectory = Path.of(System.getProperty("browser-test.dir", "browser-test")).toAbsolutePath();
		if (!Files.isDirectory(scriptDirectory.resolve("node_modules/playwright-core"))) {
			fail("playwright-core is not installed in " + scriptDirectory + ": run 'npm ci' there, as the "
					+ "sample-chat Maven build does in generate-test-resources");
		}
		Path buildDirectory = Path.of(System.getProperty("project.build.directory", "target")).toAbsolutePath();
		Path screenshot = buildDirectory.resolve("chat-screenshot.png");
		Files.createDirectories(buildDirectory);
		Files.deleteIfExists(screenshot);

		ScriptRun run = runScript(scriptDirectory, buildDirectory, "http://localhost:" + this.port,
				screenshot.toString());

		assertThat(run.exitCode()).as("exit status of chat.mjs, whose stderr is:%n%s", run.errorOutput()).isZero();
		BrowserTestResult result = JSON.readValue(run.lastLine(), BrowserTestResult.class);
		assertThat(result.ok()).as("ok in %s", run.lastLine()).isTrue();
		assertThat(result.checks()).as("checks that passed").containsExactlyElementsOf(EXPECTED_CHECKS);
		assertThat(result.joinError()).as("error on the join form for a name of 65 characters").contains("64");
		assertThat(result.sendError()).as("error for a message of 2,001 characters").contains("limited to 2000 characters");
		assertThat(screenshot).as("screenshot of bob's page").isRegularFile();
		assertThat(Arrays.copyOf(Files.readAllBytes(screenshot), PNG_SIGNATURE.length)).as("PNG signature")
			.isEqualTo(PNG_SIGNATURE);
		BufferedImage image = ImageIO.read(screenshot.toFile());
		assertThat(image).as("decoded screenshot").isNotNull();
		assertThat(image.getWidth()).as("screenshot width").isPositive();
		assertThat(image.getHeight()).as("screenshot height").isPositive();
		logger.info("The chat page passed in Chromium {} with playwright-core {} in {} ms, screenshot at {}",
				result.chromium(), result.playwright(), result.durationMs(), screenshot);
	}

	/**
	 * Runs {@code node chat.mjs BASE_URL SCREENSHOT_PATH} and waits for it to exit. Its stdout and stderr go to files
	 * in the build directory, so neither pipe can fill up and block the script.
	 */
	private static ScriptRun runScript(Path scriptDirectory, Path buildDirectory, String baseUrl, String screenshot)
			throws IOException, InterruptedException {
		Path output = buildDirectory.resolve("chat-browser-test.out");
		Path errorOutput = buildDirectory.resolve("chat-browser-test.err");
		ProcessBuilder builder = new ProcessBuilder("node", "chat.mjs", baseUrl, screenshot)
			.directory(scriptDirectory.toFile())
			.redirectOutput(output.toFile())
			.redirectError(errorOutput.toFile());
		builder.environment().put("CHROMIUM_PATH", CHROMIUM.toString());
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Starting 'node chat.mjs' failed: install Node.js 20 or later and put "
					+ "'node' on the PATH (.ci/run installs it on Debian)", ex);
		}
		if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			stop(process);
			fail("chat.mjs did not exit within %d s; its stderr:%n%s", RUN_TIMEOUT.toSeconds(),
					Files.readString(errorOutput, StandardCharsets.UTF_8));
		}
		List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
		String lastLine = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
		return new ScriptRun(process.exitValue(), lastLine, Files.readString(errorOutput, StandardCharsets.UTF_8));
	}

	/**
	 * Stops the script and Chromium. Playwright starts Chromium in a process group of its own, so the browser's
	 * processes are listed before the script is stopped, because after it exits they are no longer its descendants.
	 */
	private static void stop(Process process) throws InterruptedException {
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroy();
		if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	private record ScriptRun(int exitCode, String lastLine, String errorOutput) {
	}

	/** The JSON line that {@code chat.mjs} prints last. */
	private record BrowserTestResult(boolean ok, @Nullable String baseUrl, @Nullable String chromium,
			@Nullable String playwright, List<String> checks, @Nullable String joinError, @Nullable String sendError,
			@Nullable String screenshot, long durationMs, @Nullable String failedCheck, @Nullable String error) {
	}

}
