package io.webpubsub.compat.npmsdk;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.webpubsub.compat.ChildProcesses;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Node.js program {@code compat/npm-sdk/sdk-driver.js}, run as {@code node sdk-driver.js} in a child process. It
 * calls Microsoft's {@code @azure/web-pubsub} and {@code @azure/web-pubsub-client} on request: each request is one
 * JSON line on its stdin, and its reply, like each event of a {@code WebPubSubClient}, is one JSON line on its stdout.
 * The header of {@code sdk-driver.js} describes the lines.
 */
final class SdkDriverProcess implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final Writer stdin;

	private final Duration callTimeout;

	private final Map<Long, CompletableFuture<JsonNode>> pendingReplies = new ConcurrentHashMap<>();

	private final Map<String, BlockingQueue<JsonNode>> clientEvents = new ConcurrentHashMap<>();

	private final AtomicLong nextRequestId = new AtomicLong(1);

	private final StringBuffer errorOutput = new StringBuffer();

	private volatile @Nullable JsonNode versions;

	private SdkDriverProcess(Process process, Duration callTimeout) {
		this.process = process;
		this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		this.callTimeout = callTimeout;
	}

	/**
	 * Starts the driver for the service of the connection string and waits for its ready line.
	 * @param directory the folder of {@code sdk-driver.js}, with {@code node_modules} installed by {@code npm ci}
	 * @param connectionString the connection string of the service the SDK clients call
	 * @param startTimeout the longest wait for the ready line
	 * @param callTimeout the longest wait for the reply to each request
	 * @throws IllegalStateException if Node.js is missing, the packages are not installed, or the driver exits or
	 * prints no ready line in time
	 */
	static SdkDriverProcess start(Path directory, String connectionString, Duration startTimeout, Duration callTimeout)
			throws InterruptedException {
		for (String name : List.of("@azure/web-pubsub", "@azure/web-pubsub-client")) {
			if (!Files.isDirectory(directory.resolve("node_modules").resolve(name))) {
				throw new IllegalStateException(name + " is not installed in " + directory.toAbsolutePath()
						+ ": run 'npm ci' there, as the compat module's Maven build does in generate-test-resources");
			}
		}
		ProcessBuilder builder = new ProcessBuilder("node", "sdk-driver.js").directory(directory.toFile());
		builder.environment().put("WEBPUBSUB_CONNECTION_STRING", connectionString);
		// The SDKs' warnings, such as a failed recovery of WebPubSubClient, go to stderr, which failures show.
		builder.environment().put("AZURE_LOG_LEVEL", "warning");
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Starting 'node sdk-driver.js' failed: install Node.js 20 or later and "
					+ "put 'node' on the PATH (.ci/run installs it on Debian)", ex);
		}

		SdkDriverProcess driver = new SdkDriverProcess(process, callTimeout);
		CompletableFuture<JsonNode> ready = new CompletableFuture<>();
		ChildProcesses.drain(process.getInputStream(), "sdk-driver stdout", (line) -> driver.onOutputLine(line, ready));
		Thread errorReader = ChildProcesses.drain(process.getErrorStream(), "sdk-driver stderr",
				(line) -> driver.errorOutput.append(line).append('\n'));
		process.onExit().thenRun(() -> driver.onExit(ready));

		try {
			driver.versions = ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS).path("versions");
			return driver;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			ChildProcesses.stop(process);
			errorReader.join(ChildProcesses.STOP_TIMEOUT.toMillis());
			String reason = (ex instanceof TimeoutException) ? "printed no ready line within " + startTimeout
					: String.valueOf((ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage());
			throw new IllegalStateException("The npm SDK driver failed to start: " + reason + ". Its stderr:\n"
					+ driver.errorOutput, ex);
		}
	}

	/** Returns the installed version of each npm package, such as {@code "@azure/web-pubsub": "1.2.0"}. */
	JsonNode versions() {
		JsonNode versions = this.versions;
		return (versions != null) ? versions : JSON.createObjectNode();
	}

	/** Calls a method of the {@code WebPubSubServiceClient} of the hub. */
	SdkReply service(String hub, String method, Object... args) {
		return call(request("service", method, args).put("hub", hub));
	}

	/**
	 * Calls a method of the {@code WebPubSubServiceClient} of the hub that another connection string names, such as
	 * one with the proxy's port, whose client access URLs then lead through the proxy.
	 */
	SdkReply serviceWith(String connectionString, String hub, String method, Object... args) {
		return call(request("service", method, args).put("hub", hub).put("connectionString", connectionString));
	}

	/** Calls a method of {@code WebPubSubServiceClient.group(group)} of the hub. */
	SdkReply group(String hub, String group, String method, Object... args) {
		return call(request("group", method, args).put("hub", hub).put("group", group));
	}

	/** Calls {@code listConnections} of the group and returns its pages, each an array of members. */
	SdkReply groupPages(String hub, String group, Object options) {
		return call(request("group", "listConnections", options).put("hub", hub).put("group", group).put("pages", true));
	}

	/**
	 * Calls a method of the {@code WebPubSubClient} with the name. Method {@code create} constructs it from a client
	 * access URL and options.
	 */
	SdkReply client(String client, String method, Object... args) {
		return call(request("client", method, args).put("client", client));
	}

	/**
	 * Calls the driver's TCP proxy for client connections: {@code start} with the service port returns
	 * {@code {"port":...}}, and {@code cut} with {@code {"discardMs":...,"rejectMs":...}} breaks every connection
	 * through it and returns {@code {"cutConnections":...}}. {@code CutProxy} in {@code sdk-driver.js} describes both.
	 */
	SdkReply proxy(String method, Object... args) {
		return call(request("proxy", method, args));
	}

	/**
	 * Removes and returns the oldest event of the client, such as
	 * {@code {"event":"connected","client":"c1","data":{...}}}, waiting up to the timeout, or {@code null}.
	 */
	@Nullable JsonNode pollEvent(String client, Duration timeout) throws InterruptedException {
		return events(client).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Returns the next event of the client, or fails with the driver's stderr when none arrives in time. */
	JsonNode nextEvent(String client, Duration timeout) throws InterruptedException {
		JsonNode event = pollEvent(client, timeout);
		if (event == null) {
			throw new AssertionError("Client " + client + " had no event within " + timeout + ". Driver stderr:\n"
					+ this.errorOutput);
		}
		return event;
	}

	/** Returns what the driver printed on stderr so far, such as SDK warnings. */
	String errorOutput() {
		return this.errorOutput.toString();
	}

	/** Returns {@code {"$binary": base64}}, which the driver passes to the SDK as bytes. */
	static Map<String, String> binary(byte[] bytes) {
		return Map.of("$binary", Base64.getEncoder().encodeToString(bytes));
	}

	/** Closes stdin, so the driver stops its clients and exits, and kills it if it is still running after five seconds. */
	@Override
	public void close() throws InterruptedException {
		try {
			this.stdin.close();
		}
		catch (IOException ex) {
			// The driver has exited already, so the stop below has nothing left to do.
		}
		if (!this.process.waitFor(ChildProcesses.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			ChildProcesses.stop(this.process);
		}
	}

	private ObjectNode request(String target, String method, Object... args) {
		ObjectNode request = JSON.createObjectNode().put("target", target).put("method", method);
		request.set("args", JSON.valueToTree(List.of(args)));
		return request;
	}

	private SdkReply call(ObjectNode request) {
		long id = this.nextRequestId.getAndIncrement();
		request.put("id", id);
		String description = request.path("target").stringValue() + " " + request.path("method").stringValue();
		CompletableFuture<JsonNode> reply = new CompletableFuture<>();
		this.pendingReplies.put(id, reply);
		try {
			synchronized (this.stdin) {
				this.stdin.write(request.toString());
				this.stdin.write('\n');
				this.stdin.flush();
			}
			return new SdkReply(description, reply.get(this.callTimeout.toMillis(), TimeUnit.MILLISECONDS));
		}
		catch (IOException | ExecutionException ex) {
			throw new IllegalStateException("Request " + description + " to the npm SDK driver failed: " + ex
					+ ". Driver stderr:\n" + this.errorOutput, ex);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("Request " + description + " to the npm SDK driver timed out after "
					+ this.callTimeout + ". Driver stderr:\n" + this.errorOutput, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + description, ex);
		}
		finally {
			this.pendingReplies.remove(id);
		}
	}

	private void onOutputLine(String line, CompletableFuture<JsonNode> ready) {
		JsonNode message;
		try {
			message = JSON.readTree(line);
		}
		catch (JacksonException ex) {
			this.errorOutput.append("Unexpected stdout line: ").append(line).append('\n');
			return;
		}
		if (message.has("ready")) {
			ready.complete(message);
		}
		else if (message.has("event")) {
			events(message.path("client").asString()).add(message);
		}
		else if (message.path("id").canConvertToLong()) {
			CompletableFuture<JsonNode> reply = this.pendingReplies.get(message.path("id").longValue());
			if (reply != null) {
				reply.complete(message);
			}
		}
		else {
			this.errorOutput.append("Unexpected stdout line: ").append(line).append('\n');
		}
	}

	private void onExit(CompletableFuture<JsonNode> ready) {
		IllegalStateException exited = new IllegalStateException("'node sdk-driver.js' exited with status "
				+ this.process.exitValue());
		ready.completeExceptionally(exited);
		this.pendingReplies.values().forEach((reply) -> reply.completeExceptionally(exited));
	}

	private BlockingQueue<JsonNode> events(String client) {
		return this.clientEvents.computeIfAbsent(client, (name) -> new LinkedBlockingQueue<>());
	}

	/**
	 * The reply of the driver to one request.
	 *
	 * @param request the target and method, such as {@code service sendToAll}
	 * @param line the reply line: {@code {"id":1,"ok":true,"result":...}} or {@code {"id":1,"ok":false,"error":...}}
	 */
	record SdkReply(String request, JsonNode line) {

		boolean ok() {
			return this.line.path("ok").asBoolean(false);
		}

		/** Returns the error the SDK threw, with name, message and, for REST calls, statusCode and responseBody. */
		JsonNode error() {
			return this.line.path("error");
		}

		/** Returns the result of a successful call, or fails with the error the SDK threw. */
		JsonNode result() {
			if (!ok()) {
				throw new AssertionError("The SDK call " + this.request + " failed: " + error());
			}
			return this.line.path("result");
		}

	}

}
