package io.webpubsub.spring.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.webpubsub.spring.client.SignedRequests.ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Retries, timeouts and the mapping of failed responses to {@link WebPubSubException}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RetryAndErrorTests {

	private static final RetryOptions QUICK_RETRIES = new RetryOptions(3, Duration.ofMillis(10),
			Duration.ofMillis(50), Duration.ofSeconds(10));

	@StartStop
	final MockWebServer server = new MockWebServer();

	private WebPubSubServiceClient client;

	@AfterEach
	void closeClient() {
		if (this.client != null) {
			this.client.close();
		}
	}

	@Test
	void retriesAfterServiceUnavailable() throws Exception {
		this.client = client(QUICK_RETRIES);
		enqueue(503);
		enqueue(202);

		this.client.sendToAll(WebPubSubMessage.text("hi"));

		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(this.server.takeRequest().getBody().utf8()).isEqualTo("hi");
		assertThat(this.server.takeRequest().getBody().utf8()).as("body replayed on retry").isEqualTo("hi");
	}

	@Test
	void retriesEveryTransientStatus() {
		this.client = client(new RetryOptions(7, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(10)));
		for (int status : new int[] { 408, 429, 500, 502, 503, 504 }) {
			enqueue(status);
		}
		enqueue(200);

		this.client.addConnectionToGroup("lobby", "c1");

		assertThat(this.server.getRequestCount()).isEqualTo(7);
	}

	@Test
	void honoursRetryAfterOnTooManyRequests() throws Exception {
		this.client = client(QUICK_RETRIES);
		this.server.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after-ms", "300").build());
		enqueue(202);
		long start = System.nanoTime();

		this.client.sendToAll(WebPubSubMessage.text("hi"));

		long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(waitedMillis).as("waited at least what Retry-After asked for").isGreaterThanOrEqualTo(300);
	}

	@Test
	void readsRetryAfterSecondsAndDates() {
		assertThat(RetryInterceptor.retryAfter(response("Retry-After", "2"))).isEqualTo(Duration.ofSeconds(2));
		assertThat(RetryInterceptor.retryAfter(response("x-ms-retry-after-ms", "150")))
			.isEqualTo(Duration.ofMillis(150));
		assertThat(RetryInterceptor.retryAfter(response("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")))
			.as("a date in the past means no wait")
			.isEqualTo(Duration.ZERO);
		assertThat(RetryInterceptor.retryAfter(response("Retry-After", "soon"))).isNull();
		assertThat(RetryInterceptor.retryAfter(response("X-Other", "1"))).isNull();
	}

	@Test
	void givesUpAfterMaxAttempts() {
		this.client = client(QUICK_RETRIES);
		enqueue(503);
		enqueue(503);
		enqueue(503);
		enqueue(202);

		assertThatExceptionOfType(WebPubSubException.class)
			.isThrownBy(() -> this.client.sendToAll(WebPubSubMessage.text("hi")))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(503));
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void givesUpWhenRetryAfterPassesTimeBound() {
		this.client = client(new RetryOptions(5, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2)));
		this.server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());
		enqueue(202);

		assertThatExceptionOfType(WebPubSubException.class)
			.isThrownBy(() -> this.client.sendToAll(WebPubSubMessage.text("hi")))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(429));
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void doesNotRetryClientErrors() {
		this.client = client(QUICK_RETRIES);
		enqueue(400);
		enqueue(202);

		assertThatExceptionOfType(WebPubSubException.class)
			.isThrownBy(() -> this.client.sendToAll(WebPubSubMessage.text("hi")));
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void retriesAfterConnectionReset() throws Exception {
		this.client = clientWithoutOkHttpRetry(QUICK_RETRIES);
		this.server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
		enqueue(202);

		this.client.sendToAll(WebPubSubMessage.text("hi"));

		this.server.takeRequest();
		assertThat(this.server.takeRequest().getBody().utf8()).isEqualTo("hi");
	}

	@Test
	void connectionResetWithoutRetriesFails() {
		this.client = clientWithoutOkHttpRetry(RetryOptions.none());
		this.server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());

		assertThatExceptionOfType(WebPubSubException.class)
			.isThrownBy(() -> this.client.sendToAll(WebPubSubMessage.text("hi")))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isZero();
				assertThat(ex.getOperation()).isEqualTo("sendToAll");
				assertThat(ex.getCause()).isInstanceOf(IOException.class);
				assertThat(ex.getMessage()).contains("no response from " + this.server.getHostName() + ":");
			});
	}

	@Test
	void readTimeoutFailsWithClearMessage() {
		this.client = WebPubSubServiceClient.builder()
			.endpoint(this.server.url("/").toString(), ACCESS_KEY)
			.hub("chat")
			.readTimeout(Duration.ofMillis(200))
			.retryOptions(RetryOptions.none())
			.build();
		this.server.enqueue(new MockResponse.Builder().code(202).headersDelay(3, TimeUnit.SECONDS).build());

		assertThatExceptionOfType(WebPubSubException.class)
			.isThrownBy(() -> this.client.sendToAll(WebPubSubMessage.text("hi")))
			.satisfies((ex) -> {
				assertThat(ex.getCause()).isInstanceOf(SocketTimeoutException.class);
				assertThat(ex.getMessage()).contains("timed out").contains("webpubsub.client.read-timeout");
			});
	}

	@Test
	void readTimeoutIsRetried() {
		this.client = WebPubSubServiceClient.builder()
			.endpoint(this.server.url("/").toString(), ACCESS_KEY)
			.hub("chat")
			.readTimeout(Duration.ofMillis(200))
			.retryOptions(QUICK_RETRIES)
			.build();
		this.server.enqueue(new MockResponse.Builder().code(202).headersDelay(3, TimeUnit.SECONDS).build());
		enqueue(202);

		this.client.sendToAll(WebPubSubMessage.text("hi"));

		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void errorBodyIsMapped() {
		this.client = client(RetryOptions.none());
		this.server.enqueue(new MockResponse.Builder().code(400)
			.addHeader("Content-Type", "application/json")
			.addHeader("x-ms-error-code", "HeaderCode")
			.body("{\"code\":\"InvalidFilter\",\"message\":\"Invalid syntax at position 7\",\"target\":\"filter\"}")
			.build());

		assertThatExceptionOfType(WebPubSubException.class)
			.isThrownBy(() -> this.client.sendToAll(WebPubSubMessage.text("hi"), SendOptions.none().filter("bad (")))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(400);
				assertThat(ex.getErrorCode()).isEqualTo("InvalidFilter");
				assertThat(ex.getServiceMessage()).isEqualTo("Invalid syntax at position 7");
				assertThat(ex.getOperation()).isEqualTo("sendToAll");
				assertThat(ex.getMessage())
					.isEqualTo("sendToAll failed with HTTP 400 (InvalidFilter): Invalid syntax at position 7");
			});
	}

	@Test
	void errorCodeHeaderIsUsedWithoutBody() {
		this.client = client(RetryOptions.none());
		this.server.enqueue(new MockResponse.Builder().code(401).addHeader("x-ms-error-code", "Unauthorized").build());

		assertThatExceptionOfType(WebPubSubException.class)
			.isThrownBy(() -> this.client.closeConnection("c1"))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("Unauthorized");
				assertThat(ex.getServiceMessage()).isNull();
				assertThat(ex.getMessage()).contains("closeConnection failed with HTTP 401 (Unauthorized)")
					.contains("check that the access key belongs")
					.doesNotContain(ACCESS_KEY);
			});
	}

	@Test
	void plainTextErrorIsKeptShort() {
		this.client = client(RetryOptions.none());
		this.server.enqueue(new MockResponse.Builder().code(502).body("x".repeat(5000)).build());

		assertThatExceptionOfType(WebPubSubException.class)
			.isThrownBy(() -> this.client.removeUserFromAllGroups("alice"))
			.satisfies((ex) -> assertThat(ex.getServiceMessage()).hasSize(303).endsWith("..."));
	}

	@Test
	void notFoundOnNonHeadOperationFails() {
		this.client = client(RetryOptions.none());
		enqueue(404);

		assertThatExceptionOfType(WebPubSubException.class)
			.isThrownBy(() -> this.client.addUserToGroup("lobby", "alice"))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(404);
				assertThat(ex.getOperation()).isEqualTo("addUserToGroup");
			});
	}

	@Test
	void debugLogShowsRequestsAndRetriesWithoutSecrets(CapturedOutput output) throws Exception {
		Logger logger = (Logger) LoggerFactory.getLogger(WebPubSubServiceClient.class);
		Level previous = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			this.client = client(QUICK_RETRIES);
			enqueue(503);
			enqueue(202);

			this.client.sendToAll(WebPubSubMessage.text("hi"));
		}
		finally {
			logger.setLevel(previous);
		}

		this.server.takeRequest();
		String token = SignedRequests.bearerToken(this.server.takeRequest());
		assertThat(output).contains("POST " + this.server.url("/")
				+ "api/hubs/chat/:send?api-version=2024-12-01 -> 503");
		assertThat(output).contains("Retrying sendToAll after HTTP 503 in");
		assertThat(output).contains("(attempt 2 of 3)");
		assertThat(output).contains("-> 202");
		assertThat(output).doesNotContain(ACCESS_KEY).doesNotContain(token).doesNotContain("Bearer");
	}

	private WebPubSubServiceClient client(RetryOptions retryOptions) {
		return WebPubSubServiceClient.builder()
			.endpoint(this.server.url("/").toString(), ACCESS_KEY)
			.hub("chat")
			.retryOptions(retryOptions)
			.build();
	}

	/** OkHttp retries some connection failures on its own; this client leaves every retry to ours. */
	private WebPubSubServiceClient clientWithoutOkHttpRetry(RetryOptions retryOptions) {
		return WebPubSubServiceClient.builder()
			.endpoint(this.server.url("/").toString(), ACCESS_KEY)
			.hub("chat")
			.retryOptions(retryOptions)
			.httpClientCustomizer((builder) -> builder.retryOnConnectionFailure(false))
			.build();
	}

	private void enqueue(int status) {
		this.server.enqueue(new MockResponse.Builder().code(status).build());
	}

	private static Response response(String header, String value) {
		return new Response.Builder().request(new Request.Builder().url("http://localhost/").build())
			.protocol(Protocol.HTTP_1_1)
			.code(429)
			.message("Too Many Requests")
			.header(header, value)
			.build();
	}

}
