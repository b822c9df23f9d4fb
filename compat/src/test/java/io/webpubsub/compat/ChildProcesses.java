package io.webpubsub.compat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starting and stopping the Node.js programs the compat tests run beside the JVM.
 */
public final class ChildProcesses {

	/** Time a process gets to exit after SIGTERM, and again after SIGKILL. */
	public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private ChildProcesses() {
	}

	/** Stops a process with SIGTERM, or kills it when it is still running after {@link #STOP_TIMEOUT}. */
	public static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/** Starts a daemon thread that passes each line of the stream to the consumer until the stream closes. */
	public static Thread drain(InputStream stream, String name, Consumer<String> lines) {
		Thread reader = new Thread(() -> {
			try (BufferedReader input = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				for (String line = input.readLine(); line != null; line = input.readLine()) {
					lines.accept(line);
				}
			}
			catch (IOException ex) {
				// The stream closes when the process ends, so nothing is left to read.
			}
		}, name);
		reader.setDaemon(true);
		reader.start();
		return reader;
	}

}
