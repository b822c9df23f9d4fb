package io.webpubsub.spring.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs requests on the shared OkHttp client and turns every status other than the expected ones into a
 * {@link WebPubSubException}, so no caller handles raw responses.
 *
 * <p>The OkHttp client is built on the first request rather than with the executor, because building the first
 * OkHttp client in a JVM loads OkHttp and initializes the JDK's TLS trust store. That took about 150 ms of CPU on a
 * 2-core benchmark machine (Java 17, OkHttp 5.5.1), which an application should not pay during startup.
 */
final class ServiceRequestExecutor {

	/** Error bodies are read up to this size: enough for the service's JSON errors, bounded against a bad proxy. */
	private static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

	private static final int MAX_PLAIN_ERROR_CHARS = 300;

	private final Lazy<OkHttpClient> httpClient;

	private final JsonMapper jsonMapper;

	ServiceRequestExecutor(Supplier<OkHttpClient> httpClientFactory, JsonMapper jsonMapper) {
		this.httpClient = new Lazy<>(httpClientFactory);
		this.jsonMapper = jsonMapper;
	}

	/** Returns the OkHttp client, building it on the first call. */
	OkHttpClient httpClient() {
		return this.httpClient.get();
	}

	/** Releases the connection pool and threads of the OkHttp client, if it was ever built. */
	void shutDown() {
		this.httpClient.ifCreated((client) -> {
			client.dispatcher().executorService().shutdown();
			client.connectionPool().evictAll();
		});
	}

	JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	/** Sends a request that expects a 2xx response and ignores its body. */
	void execute(String operation, Request request) {
		try (Response response = call(operation, request)) {
			if (!response.isSuccessful()) {
				throw toException(operation, response);
			}
		}
	}

	/** Sends a {@code HEAD} request and returns {@code true} for 200 and {@code false} for 404. */
	boolean exists(String operation, Request request) {
		try (Response response = call(operation, request)) {
			if (response.code() == 404) {
				return false;
			}
			if (!response.isSuccessful()) {
				throw toException(operation, response);
			}
			return true;
		}
	}

	/** Sends a request that expects a 2xx response with a JSON body, and returns the parsed body. */
	JsonNode executeForJson(String operation, Request request) {
		try (Response response = call(operation, request)) {
			if (!response.isSuccessful()) {
				throw toException(operation, response);
			}
			return this.jsonMapper.readTree(response.body().bytes());
		}
		catch (IOException ex) {
			throw new WebPubSubException(operation, "reading the response body failed: " + ex.getMessage(), ex);
		}
		catch (JacksonException ex) {
			throw new WebPubSubException(operation, "the response body is not valid JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	private Response call(String operation, Request request) {
		Request tagged = request.newBuilder().tag(RequestOperation.class, new RequestOperation(operation)).build();
		Call call = httpClient().newCall(tagged);
		try {
			return call.execute();
		}
		catch (SocketTimeoutException ex) {
			throw new WebPubSubException(operation, "the request to " + request.url().host() + " timed out (" + ex
				.getMessage() + "); raise webpubsub.client.read-timeout or check the service's health", ex);
		}
		catch (InterruptedIOException ex) {
			throw new WebPubSubException(operation, "the request was interrupted or timed out: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new WebPubSubException(operation, "no response from " + request.url().host() + ":"
					+ request.url().port() + " (" + ex + "); check the endpoint and the network", ex);
		}
	}

	private WebPubSubException toException(String operation, Response response) {
		String errorCode = response.header("x-ms-error-code");
		String message = null;
		String body = readErrorBody(response);
		if (body != null && !body.isBlank()) {
			JsonNode error = parseJson(body);
			if (error != null && error.isObject()) {
				errorCode = textField(error, "code", errorCode);
				message = textField(error, "message", null);
			}
			else {
				message = (body.length() > MAX_PLAIN_ERROR_CHARS) ? body.substring(0, MAX_PLAIN_ERROR_CHARS) + "..."
						: body;
			}
		}
		return new WebPubSubException(operation, response.code(), errorCode, message);
	}

	private static @Nullable String readErrorBody(Response response) {
		ResponseBody body = response.body();
		try {
			BufferedSource source = body.source();
			source.request(MAX_ERROR_BODY_BYTES);
			long size = Math.min(source.getBuffer().size(), MAX_ERROR_BODY_BYTES);
			return source.getBuffer().readString(size, StandardCharsets.UTF_8).trim();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private @Nullable JsonNode parseJson(String body) {
		if (!body.startsWith("{")) {
			return null;
		}
		try {
			return this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String textField(JsonNode node, String field, @Nullable String fallback) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : fallback;
	}

}
