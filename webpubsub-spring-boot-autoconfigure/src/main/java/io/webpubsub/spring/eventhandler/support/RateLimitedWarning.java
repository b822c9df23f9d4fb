package io.webpubsub.spring.eventhandler.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;

/**
 * A WARN logged at most once per interval, with a count of the repeats it left out, so a flood of bad requests
 * adds at most one log line per interval.
 */
final class RateLimitedWarning {

	private final Log logger;

	private final long intervalNanos;

	private final AtomicLong nextAllowedNanos = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong suppressed = new AtomicLong();

	RateLimitedWarning(Log logger, Duration interval) {
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
	}

	void warn(Supplier<String> message) {
		long now = System.nanoTime();
		long allowedAt = this.nextAllowedNanos.get();
		if ((allowedAt == Long.MIN_VALUE || now - allowedAt >= 0)
				&& this.nextAllowedNanos.compareAndSet(allowedAt, now + this.intervalNanos)) {
			long left = this.suppressed.getAndSet(0);
			this.logger.warn(message.get() + ((left > 0) ? " (" + left + " similar warnings left out)" : ""));
			return;
		}
		this.suppressed.incrementAndGet();
	}

}
