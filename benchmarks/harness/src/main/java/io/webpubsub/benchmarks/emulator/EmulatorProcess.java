package io.webpubsub.benchmarks.emulator;

import java.io.IOException;
import java.util.Map;

import io.webpubsub.benchmarks.driver.DriverLoop;
import io.webpubsub.emulator.WebPubSubEmulator;

/**
 * Runs the emulator in a process of its own, so the comparison reads its CPU time and heap apart from the load.
 *
 * <p>It takes the port and the access key as arguments, prints {@code READY port=N} once the emulator listens, and
 * stops when standard input closes.
 */
public final class EmulatorProcess {

	private EmulatorProcess() {
	}

	public static void main(String[] arguments) throws IOException {
		if (arguments.length != 2) {
			System.err.println("Usage: EmulatorProcess <port, 0 for any free port> <access key>");
			System.exit(2);
		}
		try (WebPubSubEmulator emulator = WebPubSubEmulator.start(Integer.parseInt(arguments[0]), arguments[1])) {
			DriverLoop.serve(Map.of("port", emulator.port()), words -> {
				throw new IllegalArgumentException("This process takes no commands");
			});
		}
	}
}
