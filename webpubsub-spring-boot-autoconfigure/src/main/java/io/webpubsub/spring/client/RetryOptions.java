package io.webpubsub.spring.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the retries of a failed request. Statuses 408, 429, 500, 502, 503 and 504 and I/O failures are retried
 * with exponential backoff and jitter, honouring {@code Retry-After}. The client gives up after
 * {@code maxAttempts} attempts, or earlier when the next wait would end after {@code maxElapsedTime}.
 *
 * @param maxAttempts attempts in all, the first one included, so 1 turns retries off
 * @param initialDelay wait before the first retry. Each later wait doubles, up to {@code maxDelay}
 * @param maxDelay maximum wait between two attempts, unless the service requests a longer one with {@code Retry-After}
 * @param maxElapsedTime time from the first attempt after which no further attempt starts
 */
public record RetryOptions(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxElapsedTime) {

	/** Four attempts, 800 ms then doubling up to 8 s between them, nothing started after 60 s. */
	public static final RetryOptions DEFAULT = new RetryOptions(4, Duration.ofMillis(800), Duration.ofSeconds(8),
			Duration.ofSeconds(60));

	/**
	 * Creates retry options, validating each value.
	 * @throws IllegalArgumentException if {@code maxAttempts} is under 1 or a duration is negative
	 */
	public RetryOptions {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException(
					"'maxAttempts' value " + maxAttempts + " is under 1: use 1 to turn retries off");
		}
		requireNotNegative("initialDelay", initialDelay);
		requireNotNegative("maxDelay", maxDelay);
		requireNotNegative("maxElapsedTime", maxElapsedTime);
	}

	/** Returns options with a single attempt and no retry. */
	public static RetryOptions none() {
		return new RetryOptions(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
	}

	private static void requireNotNegative(String name, Duration value) {
		Objects.requireNonNull(value, () -> "'" + name + "' must not be null");
		if (value.isNegative()) {
			throw new IllegalArgumentException("'" + name + "' value " + value + " is negative: use zero or more");
		}
	}

}
