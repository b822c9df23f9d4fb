package io.webpubsub.emulator.client;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
 * A real WebSocket client for tests: it queues every frame and event, and fails a test that waits too long.
 */
final class TestSocket extends WebSocketListener {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

	private final WebSocket webSocket;

	private TestSocket(OkHttpClient http, Request request) {
		this.webSocket = http.newWebSocket(request, this);
	}

	static TestSocket open(OkHttpClient http, String url, @Nullable String subprotocol) {
		Request.Builder request = new Request.Builder().url(url);
		if (subprotocol != null) {
			request.header("Sec-WebSocket-Protocol", subprotocol);
		}
		return new TestSocket(http, request.build());
	}

	void send(String text) {
		this.webSocket.send(text);
	}

	void send(byte[] bytes) {
		this.webSocket.send(ByteString.of(bytes));
	}

	void close() {
		this.webSocket.close(1000, "done");
	}

	void close(int code) {
		this.webSocket.close(code, "done");
	}

	/** Drops the connection without a close frame, as a lost network does. */
	void cancel() {
		this.webSocket.cancel();
	}

	/** Returns the next event: a String or ByteString frame, an Opened response, a Closed code or a Failed response. */
	Object next() throws InterruptedException {
		Object event = this.events.poll(5, TimeUnit.SECONDS);
		if (event == null) {
			throw new AssertionError("No WebSocket event within 5 seconds");
		}
		return event;
	}

	/** Returns the next text frame parsed as JSON, skipping the open event. */
	JsonNode nextJson() throws InterruptedException {
		Object event = next();
		while (event instanceof Opened) {
			event = next();
		}
		if (!(event instanceof String text)) {
			throw new AssertionError("Expected a text frame but got " + event);
		}
		return JSON.readTree(text);
	}

	/** Returns whether no event arrives within the given time. */
	boolean staysQuiet(long millis) throws InterruptedException {
		Object event = this.events.poll(millis, TimeUnit.MILLISECONDS);
		while (event instanceof Opened) {
			event = this.events.poll(millis, TimeUnit.MILLISECONDS);
		}
		return event == null;
	}

	@Override
	public void onOpen(WebSocket webSocket, Response response) {
		this.events.add(new Opened(response.header("Sec-WebSocket-Protocol")));
	}

	@Override
	public void onMessage(WebSocket webSocket, String text) {
		this.events.add(text);
	}

	@Override
	public void onMessage(WebSocket webSocket, ByteString bytes) {
		this.events.add(bytes);
	}

	@Override
	public void onClosing(WebSocket webSocket, int code, String reason) {
		this.events.add(new Closed(code, reason));
		webSocket.close(code, null);
	}

	@Override
	public void onFailure(WebSocket webSocket, Throwable failure, @Nullable Response response) {
		this.events.add(new Failed((response != null) ? response.code() : 0, failure.toString()));
	}

	record Opened(@Nullable String subprotocol) {
	}

	record Closed(int code, String reason) {
	}

	record Failed(int status, String failure) {
	}

}
