package io.webpubsub.spring.eventhandler.support;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * HTTP request the service sent to the event handler, as the web binding presents it to the dispatcher.
 */
public interface EventRequest {

	/** Returns the HTTP method, such as {@code POST} or {@code OPTIONS}. */
	String method();

	/** Returns the first value of a header, matched case-insensitively, or {@code null}. */
	@Nullable String header(String name);

	/** Returns every header with its values, for request dumps. */
	Map<String, List<String>> headers();

	/** Returns the declared body length, or -1 when the request does not declare one. */
	long contentLength();

	/**
	 * Reads the whole body.
	 * @param maxBytes the largest body accepted
	 * @return the body, or {@code null} when it is longer than {@code maxBytes}
	 * @throws IOException if reading fails
	 */
	byte @Nullable [] readBody(long maxBytes) throws IOException;

}
