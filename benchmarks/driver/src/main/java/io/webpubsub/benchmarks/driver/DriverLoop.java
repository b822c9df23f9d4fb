package io.webpubsub.benchmarks.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The child side of the protocol that the benchmark runner speaks: one command per line on standard input, and one
 * {@code RESULT key=value ...} line on standard output for each.
 *
 * <p>A command that fails prints {@code ERROR message} instead, so the parent can quote the cause. The loop ends,
 * and the process with it, when standard input closes or the command {@code exit} arrives.
 */
public final class DriverLoop {

	public static final String READY_PREFIX = "READY";

	public static final String RESULT_PREFIX = "RESULT ";

	/** One command of a driver: the words of the command line, returning the figures to report. */
	@FunctionalInterface
	public interface CommandHandler {

		Map<String, ?> handle(String[] words) throws Exception;

	}

	private DriverLoop() {
	}

	/**
	 * Prints the ready line with the given figures, then serves commands until standard input closes.
	 */
	public static void serve(Map<String, ?> readyFigures, CommandHandler handler) throws IOException {
		System.out.println(READY_PREFIX + " " + format(readyFigures));
		System.out.flush();
		BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String line;
		while ((line = reader.readLine()) != null) {
			String command = line.trim();
			if (command.isEmpty()) {
				continue;
			}
			if (command.equals("exit")) {
				return;
			}
			respond(handler, command);
		}
	}

	private static void respond(CommandHandler handler, String command) {
		try {
			Map<String, ?> figures = handler.handle(command.split("\\s+"));
			System.out.println(RESULT_PREFIX + format(figures));
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.out.println("ERROR command '" + command + "' failed: " + ex);
		}
		System.out.flush();
	}

	/**
	 * Formats figures as {@code key=value} pairs separated by spaces; doubles get up to three decimals.
	 */
	public static String format(Map<String, ?> figures) {
		StringBuilder line = new StringBuilder();
		figures.forEach((key, value) -> {
			if (line.length() > 0) {
				line.append(' ');
			}
			String text = (value instanceof Double number) ? String.format(Locale.ROOT, "%.3f", number)
					: String.valueOf(value);
			line.append(key).append('=').append(text.replace(' ', '_'));
		});
		return line.toString();
	}

	/**
	 * Returns the CPU time this process has used so far, in seconds.
	 */
	public static double processCpuSeconds() {
		return ProcessHandle.current().info().totalCpuDuration().map(duration -> duration.toNanos() / 1e9).orElse(0.0);
	}
}
