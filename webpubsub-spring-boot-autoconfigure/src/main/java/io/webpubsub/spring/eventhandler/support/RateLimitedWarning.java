package io.webpubsub.spring.eventhandler.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;

/**
 * A WARN that repeats at most once per interval, counting the repeats it leaves out, so a flood of bad requests
 * cannot flood the log.
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
