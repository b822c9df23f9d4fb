package io.webpubsub.benchmarks.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.webpubsub.benchmarks.driver.DriverLoop;

/**
 * A process that a benchmark starts, talks to over its standard input and output, and stops.
 *
 * <p>Standard error, and every line of standard output that is not part of the {@link DriverLoop} protocol (such as
 * Spring Boot's console log), go to a log file under {@code target/benchmark-logs}, whose path failures quote.
 * Keeping each contender in its own process lets the benchmark read that process's CPU time apart from the load
 * generator's.
 */
public final class ChildProcess implements AutoCloseable {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private static final String END_OF_OUTPUT = "\u0000end";

	private final String name;

	private final Process process;

	private final Path log;

	private final Writer input;

	private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);

	private ChildProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.input = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::pumpOutput, name + "-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Starts a command with the given environment additions.
	 */
	public static ChildProcess start(String name, List<String> command, Map<String, String> environment) {
		Path log = logDirectory().resolve(name + "-" + SEQUENCE.incrementAndGet() + ".log");
		// Appending keeps the child's standard error and the output lines copied by this process from overwriting each other.
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		try {
			return new ChildProcess(name, builder.start(), log);
		}
		catch (IOException ex) {
			// Only the program is named: the arguments of some benchmark processes carry an access key.
			throw new UncheckedIOException("Failed to start " + name + " with the program " + command.get(0), ex);
		}
	}

	/**
	 * Starts a Java main class on the given classpath, with the given JVM options.
	 */
	public static ChildProcess startJava(String name, String classpath, List<String> jvmOptions, String mainClass,
			List<String> arguments) {
		return startJava(name, classpath, jvmOptions, mainClass, arguments, Map.of());
	}

	/**
	 * Starts a Java main class on the given classpath, with the given JVM options and environment additions. A
	 * secret goes in the environment rather than the arguments, which any listing of the machine's processes shows.
	 */
	public static ChildProcess startJava(String name, String classpath, List<String> jvmOptions, String mainClass,
			List<String> arguments, Map<String, String> environment) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classpath);
		command.add(mainClass);
		command.addAll(arguments);
		return start(name, command, environment);
	}

	/**
	 * Starts a Java main class on this process's own classpath.
	 */
	public static ChildProcess startJava(String name, List<String> jvmOptions, Class<?> mainClass,
			List<String> arguments) {
		return startJava(name, System.getProperty("java.class.path"), jvmOptions, mainClass.getName(), arguments);
	}

	public long pid() {
		return process.pid();
	}

	/**
	 * Returns the CPU time the process has used so far, user and system together.
	 */
	public double cpuSeconds() {
		return process.toHandle().info().totalCpuDuration().map(duration -> duration.toNanos() / 1e9).orElse(0.0);
	}

	/**
	 * Waits for a line of standard output that starts with the prefix and returns the rest of it.
	 */
	public String awaitLine(String prefix, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long remaining = deadline - System.nanoTime();
			String line = poll(remaining);
			if (line == null) {
				throw failure("printed no line starting with '" + prefix + "' within " + timeout.toSeconds() + " s");
			}
			if (line.equals(END_OF_OUTPUT)) {
				throw failure("exited before printing a line starting with '" + prefix + "'");
			}
			if (line.startsWith("ERROR ")) {
				throw failure("reported: " + line.substring("ERROR ".length()));
			}
			if (line.startsWith(prefix)) {
				return line.substring(prefix.length()).trim();
			}
		}
	}

	/**
	 * Sends one command line to a {@link DriverLoop} and returns the figures of its result line.
	 */
	public Map<String, String> request(String command, Duration timeout) {
		try {
			input.write(command + "\n");
			input.flush();
		}
		catch (IOException ex) {
			throw failure("did not accept the command '" + command + "': " + ex.getMessage());
		}
		return parseFigures(awaitLine(DriverLoop.RESULT_PREFIX, timeout));
	}

	/**
	 * Waits for the process to exit by itself and returns its exit status.
	 */
	public int awaitExit(Duration timeout) {
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw failure("did not exit within " + timeout.toSeconds() + " s");
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("was interrupted while waiting for it to exit");
		}
	}

	/**
	 * Waits for the end of standard output, after the process has exited, and returns the lines not read yet.
	 */
	public List<String> remainingOutput(Duration timeout) {
		List<String> remaining = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			String line = poll(deadline - System.nanoTime());
			if (line == null) {
				throw failure("did not close its standard output within " + timeout.toSeconds() + " s");
			}
			if (line.equals(END_OF_OUTPUT)) {
				return remaining;
			}
			remaining.add(line);
		}
	}

	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return name + " (pid " + process.pid() + ", log " + log + ")";
	}

	/**
	 * Parses the {@code key=value} pairs of a protocol line.
	 */
	public static Map<String, String> parseFigures(String line) {
		Map<String, String> figures = new LinkedHashMap<>();
		for (String pair : line.trim().split("\\s+")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				figures.put(pair.substring(0, equals), pair.substring(equals + 1));
			}
		}
		return figures;
	}

	private String poll(long remainingNanos) {
		try {
			return remainingNanos <= 0 ? null : lines.poll(remainingNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private void pumpOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.offer(line);
				copyToLog(line);
			}
		}
		catch (IOException ex) {
			// The process was stopped while its output was being read.
		}
		lines.offer(END_OF_OUTPUT);
	}

	private void copyToLog(String line) throws IOException {
		Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	private IllegalStateException failure(String problem) {
		return new IllegalStateException(this + " " + problem + "; see its log for details");
	}

	private static Path logDirectory() {
		Path directory = Path.of(System.getProperty("benchmarks.logs", "target/benchmark-logs"));
		try {
			return Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to create the log directory " + directory, ex);
		}
	}
}
