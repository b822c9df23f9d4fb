package io.webpubsub.spring.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Repeats a request that failed with a transient status or an I/O error, within the bounds of {@link RetryOptions}.
 * A {@code RetryOptions} tag on a request replaces the client's options for that request. It is the outermost
 * interceptor of the client, so every attempt is signed and logged again.
 * <p>
 * Sends are retried too, as the official SDKs do, so a client may receive a message twice when the service
 * accepted it but its response was lost.
 */
final class RetryInterceptor implements Interceptor {

	private static final Log logger = LogFactory.getLog(WebPubSubServiceClient.class);

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

	private final RetryOptions options;

	RetryInterceptor(RetryOptions options) {
		this.options = options;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		RetryOptions requestOptions = request.tag(RetryOptions.class);
		RetryOptions effectiveOptions = (requestOptions != null) ? requestOptions : this.options;
		long startNanos = System.nanoTime();
		for (int attempt = 1;; attempt++) {
			long attemptStartNanos = System.nanoTime();
			Response response;
			try {
				response = chain.proceed(request);
			}
			catch (IOException ex) {
				Duration delay = backoff(effectiveOptions, attempt);
				if (chain.call().isCanceled() || !canRetry(effectiveOptions, attempt, startNanos, delay)) {
					throw ex;
				}
				logRetry(effectiveOptions, request, attempt, "I/O failure " + ex, delay);
				sleep(delay);
				continue;
			}

			logAttempt(request, response, attemptStartNanos);
			if (!RETRYABLE_STATUSES.contains(response.code())) {
				return response;
			}
			Duration retryAfter = retryAfter(response);
			Duration delay = (retryAfter != null) ? retryAfter : backoff(effectiveOptions, attempt);
			if (!canRetry(effectiveOptions, attempt, startNanos, delay)) {
				return response;
			}
			response.close();
			logRetry(effectiveOptions, request, attempt, "HTTP " + response.code(), delay);
			sleep(delay);
		}
	}

	private static boolean canRetry(RetryOptions options, int attempt, long startNanos, Duration delay) {
		if (attempt >= options.maxAttempts()) {
			return false;
		}
		Duration elapsedAfterDelay = Duration.ofNanos(System.nanoTime() - startNanos).plus(delay);
		return elapsedAfterDelay.compareTo(options.maxElapsedTime()) <= 0;
	}

	/** Returns the exponential delay for the retry after the given attempt, with up to half of it as jitter. */
	static Duration backoff(RetryOptions options, int attempt) {
		long initialMillis = options.initialDelay().toMillis();
		long maxMillis = options.maxDelay().toMillis();
		long exponentialMillis = (attempt >= 31) ? maxMillis : Math.min(maxMillis, initialMillis << (attempt - 1));
		long halfMillis = exponentialMillis / 2;
		long jitterMillis = (halfMillis > 0) ? ThreadLocalRandom.current().nextLong(halfMillis + 1) : 0;
		return Duration.ofMillis(exponentialMillis - halfMillis + jitterMillis);
	}

	/**
	 * Returns the wait the service asked for, from {@code retry-after-ms}, {@code x-ms-retry-after-ms} or
	 * {@code Retry-After} (seconds or an HTTP date), or {@code null} when it asked for none.
	 */
	static @Nullable Duration retryAfter(Response response) {
		for (String header : new String[] { "retry-after-ms", "x-ms-retry-after-ms" }) {
			String value = response.header(header);
			if (value != null) {
				try {
					return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(value.trim())));
				}
				catch (NumberFormatException ex) {
					// An unreadable value is ignored, as if the header were absent.
				}
			}
		}
		String retryAfter = response.header("Retry-After");
		if (retryAfter == null) {
			return null;
		}
		try {
			return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(retryAfter.trim()) * 1000)));
		}
		catch (NumberFormatException ex) {
			Date date = response.headers().getDate("Retry-After");
			if (date == null) {
				return null;
			}
			Duration untilDate = Duration.between(Instant.now(), date.toInstant());
			return untilDate.isNegative() ? Duration.ZERO : untilDate;
		}
	}

	private static void sleep(Duration delay) throws InterruptedIOException {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			InterruptedIOException interrupted = new InterruptedIOException("Interrupted while waiting to retry");
			interrupted.initCause(ex);
			throw interrupted;
		}
	}

	private static void logAttempt(Request request, Response response, long attemptStartNanos) {
		if (logger.isDebugEnabled()) {
			long millis = Duration.ofNanos(System.nanoTime() - attemptStartNanos).toMillis();
			logger.debug(request.method() + " " + request.url() + " -> " + response.code() + " (" + millis + " ms)");
		}
	}

	private static void logRetry(RetryOptions options, Request request, int attempt, String cause, Duration delay) {
		if (logger.isDebugEnabled()) {
			logger.debug("Retrying " + RequestOperation.of(request) + " after " + cause + " in " + delay.toMillis()
					+ " ms (attempt " + (attempt + 1) + " of " + options.maxAttempts() + ")");
		}
	}

}
