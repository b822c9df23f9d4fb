package io.webpubsub.compat.npmsdk;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client of the {@code json.webpubsub.azure.v1} subprotocol, built on OkHttp, that receives what the
 * official SDK sends through the emulator. It queues every message and records how the service closed it.
 */
final class JsonSubprotocolSocket extends WebSocketListener implements AutoCloseable {

	static final String SUBPROTOCOL = "json.webpubsub.azure.v1";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String name;

	private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<JsonNode> connected = new CompletableFuture<>();

	private final CompletableFuture<Closed> closed = new CompletableFuture<>();

	private final WebSocket webSocket;

	private JsonSubprotocolSocket(OkHttpClient http, String name, String url) {
		this.name = name;
		Request request = new Request.Builder().url(url).header("Sec-WebSocket-Protocol", SUBPROTOCOL).build();
		this.webSocket = http.newWebSocket(request, this);
	}

	/**
	 * Connects to a client access URL, such as one {@code getClientAccessToken} returns, and waits for the
	 * {@code connected} system message.
	 * @param name the name that assertion messages use, such as {@code alice1}
	 */
	static JsonSubprotocolSocket connect(OkHttpClient http, String name, String url, Duration timeout)
			throws InterruptedException {
		JsonSubprotocolSocket socket = new JsonSubprotocolSocket(http, name, url);
		try {
			socket.connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return socket;
		}
		catch (ExecutionException | TimeoutException ex) {
			socket.webSocket.cancel();
			String reason = (ex instanceof TimeoutException) ? "no connected message within " + timeout
					: ex.getCause().getMessage();
			throw new AssertionError(name + " failed to connect to " + withoutToken(url) + ": " + reason, ex);
		}
	}

	String name() {
		return this.name;
	}

	/** Returns the connection id from the {@code connected} system message. */
	String connectionId() {
		return this.connected.join().path("connectionId").asString();
	}

	/** Returns the user id from the {@code connected} system message, or {@code null} for an anonymous client. */
	@Nullable String userId() {
		JsonNode userId = this.connected.join().path("userId");
		return userId.isString() ? userId.stringValue() : null;
	}

	/** Sends a message of the subprotocol, such as {@code {"type":"joinGroup","group":"lobby","ackId":1}}. */
	void send(String json) {
		this.webSocket.send(json);
	}

	/** Returns the next message after {@code connected}, or fails when none arrives within the timeout. */
	JsonNode nextMessage(Duration timeout) throws InterruptedException {
		JsonNode message = this.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (message == null) {
			throw new AssertionError(this.name + " received no message within " + timeout
					+ (this.closed.isDone() ? " and is closed: " + this.closed.join() : ""));
		}
		return message;
	}

	/** Waits until the service closes the socket, and returns the close code and reason. */
	Closed awaitClosed(Duration timeout) throws InterruptedException {
		try {
			return this.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AssertionError(this.name + " was not closed within " + timeout, ex);
		}
	}

	boolean isClosed() {
		return this.closed.isDone();
	}

	@Override
	public void close() {
		this.webSocket.close(1000, "Test done");
	}

	@Override
	public void onMessage(WebSocket webSocket, String text) {
		JsonNode message = JSON.readTree(text);
		if (!this.connected.isDone() && "system".equals(message.path("type").asString())
				&& "connected".equals(message.path("event").asString())) {
			this.connected.complete(message);
			return;
		}
		this.messages.add(message);
	}

	@Override
	public void onMessage(WebSocket webSocket, ByteString bytes) {
		this.messages.add(JSON.createObjectNode().put("unexpectedBinaryFrame", bytes.base64()));
	}

	@Override
	public void onClosing(WebSocket webSocket, int code, String reason) {
		this.closed.complete(new Closed(code, reason));
		webSocket.close(code, null);
	}

	@Override
	public void onFailure(WebSocket webSocket, Throwable failure, @Nullable Response response) {
		String status = (response != null) ? "HTTP " + response.code() + " " : "";
		this.connected.completeExceptionally(new IllegalStateException(status + failure, failure));
		this.closed.complete(new Closed(1006, status + failure));
	}

	private static String withoutToken(String url) {
		int query = url.indexOf('?');
		return (query < 0) ? url : url.substring(0, query);
	}

	/** How the socket was closed: the close code and reason, or 1006 and the failure when it broke. */
	record Closed(int code, String reason) {
	}

}
