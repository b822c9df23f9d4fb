package io.webpubsub.emulator.http;

/**
 * A REST request the emulator rejects, which gets the status and an {@code ErrorDetail} JSON body, as the
 * service returns them: {@code {"code": ..., "message": ..., "target": ...}} and the {@code x-ms-error-code} header.
 */
final class RestException extends RuntimeException {

	private final int status;

	private final String code;

	private final String target;

	RestException(int status, String code, String target, String message) {
		super(message);
		this.status = status;
		this.code = code;
		this.target = target;
	}

	static RestException badRequest(String target, String message) {
		return new RestException(400, "Error.BadRequest", target, message);
	}

	static RestException notFound(String target, String message) {
		return new RestException(404, "Error.NotFound", target, message);
	}

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	String target() {
		return this.target;
	}

}
