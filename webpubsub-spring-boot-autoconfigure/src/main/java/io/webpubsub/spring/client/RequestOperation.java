package io.webpubsub.spring.client;

/**
 * Name of the client operation a request belongs to, attached to the OkHttp request as a tag so retries and errors
 * can name it.
 */
record RequestOperation(String name) {

	static String of(okhttp3.Request request) {
		RequestOperation operation = request.tag(RequestOperation.class);
		return (operation != null) ? operation.name() : request.method() + " " + request.url().encodedPath();
	}

}
