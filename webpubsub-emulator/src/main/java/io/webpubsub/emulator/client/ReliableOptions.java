package io.webpubsub.emulator.client;

import java.time.Duration;

/**
 * Limits of the reliable JSON subprotocol.
 *
 * @param recoveryWindow how long a dropped connection keeps its state, groups and unacknowledged messages while it
 * waits for the client to recover it
 * @param maxUnackedMessages the largest number of messages the client may leave unacknowledged
 * @param maxUnackedBytes the largest total size, in UTF-8 bytes of frame text, of the unacknowledged messages
 */
record ReliableOptions(Duration recoveryWindow, int maxUnackedMessages, long maxUnackedBytes) {

	/** The service's limits: 30 seconds to recover, and 1000 messages or 16 MB of unacknowledged messages. */
	static final ReliableOptions DEFAULTS = new ReliableOptions(Duration.ofSeconds(30), 1000, 16L * 1024 * 1024);

	ReliableOptions {
		if (recoveryWindow.isNegative() || recoveryWindow.isZero()) {
			throw new IllegalArgumentException("recoveryWindow must be positive but was " + recoveryWindow);
		}
		if (maxUnackedMessages < 1 || maxUnackedBytes < 1) {
			throw new IllegalArgumentException("maxUnackedMessages and maxUnackedBytes must be positive but were "
					+ maxUnackedMessages + " and " + maxUnackedBytes);
		}
	}

}
