package io.webpubsub.benchmarks.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises Logback's root level to WARN in a benchmark process that is not a Spring Boot application.
 *
 * <p>Without a logback.xml, Logback logs DEBUG to standard output, so the client would print a line per request and
 * Netty its start-up details, both mixed into the driver protocol and slowing the process down.
 */
final class QuietLogging {

	private QuietLogging() {
	}

	/** Sets the root level. Call it before any other class logs, so nothing is printed at DEBUG first. */
	static void apply() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.WARN);
	}
}
