package io.webpubsub.spring.eventhandler.servlet;

import java.util.Map;

import io.webpubsub.spring.eventhandler.support.WebPubSubListenerRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Maps the event handler path and every path below it, so URL templates such as {@code /eventhandler/{event}} work,
 * to the event handler. The mapping is active only when listeners exist or the endpoint is enabled explicitly.
 * Otherwise the path stays free for the application.
 */
public final class WebPubSubEventHandlerMapping extends SimpleUrlHandlerMapping {

	private final WebPubSubListenerRegistry registry;

	private final boolean explicitlyEnabled;

	/**
	 * Creates the mapping.
	 * @param path the endpoint path, such as {@code /eventhandler}
	 * @param handler the handler of the endpoint
	 * @param registry the listeners, consulted on each request
	 * @param explicitlyEnabled whether {@code webpubsub.event-handler.enabled=true} requests the endpoint even
	 * without listeners
	 */
	public WebPubSubEventHandlerMapping(String path, WebPubSubEventHandlerRequestHandler handler,
			WebPubSubListenerRegistry registry, boolean explicitlyEnabled) {
		super(Map.of(path, handler, path + "/**", handler));
		this.registry = registry;
		this.explicitlyEnabled = explicitlyEnabled;
		// Ahead of annotated controllers, so a controller mapping "/**" cannot hide the endpoint.
		setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
	}

	@Override
	protected @Nullable Object getHandlerInternal(HttpServletRequest request) throws Exception {
		if (!this.explicitlyEnabled && !this.registry.hasListeners()) {
			return null;
		}
		return super.getHandlerInternal(request);
	}

}
