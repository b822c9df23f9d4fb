package io.webpubsub.spring.eventhandler.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.webpubsub.spring.eventhandler.support.EventRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * A servlet request seen as an {@link EventRequest}. The body is read only when the dispatcher requests it, and
 * never past the limit.
 */
final class ServletEventRequest implements EventRequest {

	private static final int BUFFER_SIZE = 8192;

	private final HttpServletRequest request;

	ServletEventRequest(HttpServletRequest request) {
		this.request = request;
	}

	@Override
	public String method() {
		return this.request.getMethod();
	}

	@Override
	public @Nullable String header(String name) {
		return this.request.getHeader(name);
	}

	@Override
	public Map<String, List<String>> headers() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : Collections.list(this.request.getHeaderNames())) {
			headers.put(name, Collections.list(this.request.getHeaders(name)));
		}
		return headers;
	}

	@Override
	public long contentLength() {
		return this.request.getContentLengthLong();
	}

	@Override
	public byte @Nullable [] readBody(long maxBytes) throws IOException {
		long declared = this.request.getContentLengthLong();
		int initialSize = (declared > 0 && declared <= maxBytes) ? (int) declared : BUFFER_SIZE;
		ByteArrayOutputStream body = new ByteArrayOutputStream(initialSize);
		byte[] buffer = new byte[BUFFER_SIZE];
		try (InputStream input = this.request.getInputStream()) {
			for (int read = input.read(buffer); read != -1; read = input.read(buffer)) {
				if (body.size() + (long) read > maxBytes) {
					return null;
				}
				body.write(buffer, 0, read);
			}
		}
		return body.toByteArray();
	}

}
