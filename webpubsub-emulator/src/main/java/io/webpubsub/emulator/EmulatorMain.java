package io.webpubsub.emulator;

import java.io.PrintStream;

import org.jspecify.annotations.Nullable;

/**
 * Command line entry point of the standalone emulator: {@code java -jar webpubsub-emulator-<version>-all.jar [options]}.
 */
public final class EmulatorMain {

	private static final String USAGE = """
			Usage: java -jar webpubsub-emulator-<version>-all.jar [options]

			Runs a local service that behaves like Azure Web PubSub, on 127.0.0.1, with state kept in memory.

			Options:
			  --port PORT          port to listen on, 0 for any free port (default %d)
			  --access-key KEY     key that signs and verifies tokens, at least 32 bytes
			                       (default: the public development key, never for production)
			  --upstream HUB=URL   send the events of HUB to an event handler; {hub} and {event}
			                       in URL are replaced; repeat for more hubs
			  --help               print this help and exit
			""".formatted(WebPubSubEmulator.DEFAULT_PORT);

	private static volatile @Nullable WebPubSubEmulator running;

	private EmulatorMain() {
	}

	/** Stops the emulator that {@link #run} started, so a test does not leave it listening. */
	static void stopForTests() {
		WebPubSubEmulator emulator = running;
		if (emulator != null) {
			emulator.close();
			running = null;
		}
	}

	public static void main(String[] args) {
		int status = run(args, System.out, System.err);
		if (status >= 0) {
			System.exit(status);
		}
	}

	/**
	 * Parses the arguments and starts the emulator, which then runs until the process stops.
	 * @return the exit status when the program should end at once, or -1 once the emulator runs
	 */
	static int run(String[] args, PrintStream out, PrintStream err) {
		EmulatorOptions options;
		try {
			options = EmulatorOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("Invalid arguments: " + ex.getMessage());
			err.println("Run with --help to list the options.");
			return 2;
		}
		if (options.help()) {
			out.print(USAGE);
			return 0;
		}
		WebPubSubEmulator emulator;
		try {
			emulator = WebPubSubEmulator.start(options.port(), options.accessKey());
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			err.println("The emulator failed to start: " + ex.getMessage());
			return 1;
		}
		options.upstreams().forEach(emulator::setUpstream);
		out.println("Web PubSub emulator listening on " + emulator.endpoint());
		out.println("Connection string: " + emulator.connectionString());
		options.upstreams().forEach((hub, template) -> out.println("Events of hub " + hub + " go to " + template));
		out.flush();

		// The server's threads keep the process alive; the hook releases the port when the process is stopped.
		running = emulator;
		Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-shutdown"));
		return -1;
	}

}
