package io.webpubsub.compat.eventhandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.webpubsub.compat.ChildProcesses;

import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The Node.js event handler of {@code compat/express-handler}, run as {@code node server.js} in a child process. It
 * listens on 127.0.0.1 on a port the system chooses and prints that port as its first line. Later lines on stdout
 * are what its listeners write.
 */
final class ExpressHandlerProcess implements AutoCloseable {

	private final Process process;

	private final HttpUrl baseUrl;

	private final BlockingQueue<String> listenerLines;

	private final StringBuffer errorOutput;

	private ExpressHandlerProcess(Process process, int port, BlockingQueue<String> listenerLines,
			StringBuffer errorOutput) {
		this.process = process;
		this.baseUrl = new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(port).build();
		this.listenerLines = listenerLines;
		this.errorOutput = errorOutput;
	}

	/**
	 * Starts the server in the directory and waits until it prints its port.
	 * @param directory the folder of {@code server.js}, with {@code node_modules} installed by {@code npm ci}
	 * @param startTimeout the longest wait for the port
	 * @throws IllegalStateException if Node.js is missing, the dependencies are not installed, or the server exits
	 * or prints no port in time
	 */
	static ExpressHandlerProcess start(Path directory, Duration startTimeout) throws InterruptedException {
		if (!Files.isDirectory(directory.resolve("node_modules/@azure/web-pubsub-express"))) {
			throw new IllegalStateException("@azure/web-pubsub-express is not installed in "
					+ directory.toAbsolutePath() + ": run 'npm ci' there, as the compat module's Maven build does in "
					+ "generate-test-resources");
		}
		ProcessBuilder builder = new ProcessBuilder("node", "server.js").directory(directory.toFile());
		// Production mode, as deployed: Express then sends no stack traces in error pages.
		builder.environment().put("NODE_ENV", "production");
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Starting 'node server.js' failed: install Node.js 20 or later and put "
					+ "'node' on the PATH (.ci/run installs it on Debian)", ex);
		}

		CompletableFuture<Integer> port = new CompletableFuture<>();
		BlockingQueue<String> listenerLines = new LinkedBlockingQueue<>();
		StringBuffer errorOutput = new StringBuffer();
		ChildProcesses.drain(process.getInputStream(), "express-handler stdout", (line) -> {
			if (port.isDone()) {
				listenerLines.add(line);
				return;
			}
			try {
				port.complete(Integer.parseInt(line.trim()));
			}
			catch (NumberFormatException ex) {
				port.completeExceptionally(new IllegalStateException("the first line on stdout is '" + line
						+ "', not a port", ex));
			}
		});
		Thread errorReader = ChildProcesses.drain(process.getErrorStream(), "express-handler stderr",
				(line) -> errorOutput.append(line).append('\n'));
		process.onExit().thenRun(() -> port.completeExceptionally(new IllegalStateException(
				"'node server.js' exited with status " + process.exitValue() + " before printing its port")));

		try {
			return new ExpressHandlerProcess(process, port.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS),
					listenerLines, errorOutput);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			ChildProcesses.stop(process);
			errorReader.join(ChildProcesses.STOP_TIMEOUT.toMillis());
			String reason = (ex instanceof TimeoutException) ? "printed no port within " + startTimeout
					: String.valueOf((ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage());
			throw new IllegalStateException("The Node.js event handler failed to start: " + reason
					+ ". Its stderr:\n" + errorOutput, ex);
		}
	}

	/** Returns scheme, host and port, such as {@code http://127.0.0.1:41234}. */
	HttpUrl baseUrl() {
		return this.baseUrl;
	}

	/** Removes and returns the oldest line a listener printed, waiting up to the timeout, or {@code null}. */
	@Nullable String pollListenerLine(Duration timeout) throws InterruptedException {
		return this.listenerLines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Removes every line the listeners printed so far. */
	void clearListenerLines() {
		this.listenerLines.clear();
	}

	/** Returns what the server printed on stderr so far, such as the errors Express logs. */
	String errorOutput() {
		return this.errorOutput.toString();
	}

	/** Stops the server with SIGTERM, or kills it when it is still running after five seconds. */
	@Override
	public void close() throws InterruptedException {
		ChildProcesses.stop(this.process);
	}

}
