package io.webpubsub.compat.eventhandler;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Lines that listeners write when they run, such as {@code listener connected conn-1 alice}. The listeners of the
 * Node.js handler print the same lines on stdout.
 */
public final class ListenerLog {

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	void add(String line) {
		this.lines.add(line);
	}

	/** Removes and returns the oldest line, waiting up to the timeout; returns {@code null} when none arrived. */
	public @Nullable String poll(Duration timeout) throws InterruptedException {
		return this.lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Removes every line. */
	public void clear() {
		this.lines.clear();
	}

}
