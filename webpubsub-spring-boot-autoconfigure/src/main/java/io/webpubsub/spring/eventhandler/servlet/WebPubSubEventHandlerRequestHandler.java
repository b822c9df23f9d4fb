package io.webpubsub.spring.eventhandler.servlet;

import java.io.IOException;

import io.webpubsub.spring.eventhandler.support.EventResponse;
import io.webpubsub.spring.eventhandler.support.WebPubSubEventDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.HttpRequestHandler;

/**
 * Spring MVC handler of the event handler endpoint: passes each request to the dispatcher and writes its response.
 */
public final class WebPubSubEventHandlerRequestHandler implements HttpRequestHandler {

	private final WebPubSubEventDispatcher dispatcher;

	public WebPubSubEventHandlerRequestHandler(WebPubSubEventDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		EventResponse result = this.dispatcher.handle(new ServletEventRequest(request));
		response.setStatus(result.status());
		result.headers().forEach(response::setHeader);
		if (result.contentType() != null) {
			response.setContentType(result.contentType());
		}
		if (result.body().length > 0) {
			response.setContentLength(result.body().length);
			response.getOutputStream().write(result.body());
		}
	}

}
