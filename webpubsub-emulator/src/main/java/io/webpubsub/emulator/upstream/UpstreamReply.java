package io.webpubsub.emulator.upstream;

import org.jspecify.annotations.Nullable;

/**
 * The event handler's response to an event.
 *
 * @param status the HTTP status, or 0 when no response arrived
 * @param contentType the content type, or {@code null}
 * @param body the body, empty for none
 * @param connectionState the {@code ce-connectionState} response header, or {@code null} when absent
 * @param failure why no response arrived, or {@code null}
 */
public record UpstreamReply(int status, @Nullable String contentType, byte[] body, @Nullable String connectionState,
		@Nullable String failure) {

	static UpstreamReply failed(String failure) {
		return new UpstreamReply(0, null, new byte[0], null, failure);
	}

	/** Returns whether the handler responded with a 2xx status. */
	public boolean isSuccessful() {
		return this.status >= 200 && this.status < 300;
	}

}
