package io.webpubsub.spring.eventhandler.support;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.webpubsub.spring.eventhandler.ConnectionContext;
import io.webpubsub.spring.eventhandler.WebPubSubDataType;
import io.webpubsub.spring.eventhandler.WebPubSubEventException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Handles one request of the service. It responds to the abuse protection handshake, and checks the CloudEvents
 * headers, the hub and the signature before reading the body. Then it passes the event to its listener and turns the
 * result into the response the service expects. It depends on no web framework, and a thin binding adapts each
 * framework's request.
 */
public final class WebPubSubEventDispatcher {

	private static final Log logger = LogFactory.getLog(WebPubSubEventDispatcher.class);

	private static final String GENERIC_ERROR = "The event handler failed to process the event";

	private final WebPubSubListenerRegistry registry;

	private final EventHandlerSettings settings;

	private final AbuseProtection abuseProtection;

	private final ConnectionStateCodec stateCodec;

	private final EventFactory eventFactory;

	private final EventReplies replies;

	private final RequestDumper dumper;

	private final JsonMapper jsonMapper;

	private final Set<String> warnedUnhandledEvents = ConcurrentHashMap.newKeySet();

	private final RateLimitedWarning signatureWarnings = new RateLimitedWarning(logger, Duration.ofMinutes(1));

	public WebPubSubEventDispatcher(WebPubSubListenerRegistry registry, EventHandlerSettings settings,
			JsonMapper jsonMapper) {
		this.registry = registry;
		this.settings = settings;
		this.abuseProtection = new AbuseProtection(settings.allowedOrigins());
		this.stateCodec = new ConnectionStateCodec(jsonMapper);
		this.eventFactory = new EventFactory(jsonMapper);
		this.replies = new EventReplies(jsonMapper, this.stateCodec);
		this.dumper = new RequestDumper(jsonMapper);
		this.jsonMapper = jsonMapper;
	}

	/** Handles a request and returns the response to write. A bad request gets a 4xx response, not an exception. */
	public EventResponse handle(EventRequest request) {
		if ("OPTIONS".equalsIgnoreCase(request.method())) {
			if (this.settings.dumpRequests()) {
				this.dumper.dump(request, null);
			}
			return this.abuseProtection.validate(request);
		}
		if (!"POST".equalsIgnoreCase(request.method())) {
			return EventResponse.text(405, "Method " + request.method() + " is not supported: the service sends "
					+ "events with POST and the handshake with OPTIONS").withHeader("Allow", "POST, OPTIONS");
		}
		try {
			return handlePost(request);
		}
		catch (IOException ex) {
			logger.warn("Reading a Web PubSub event request failed: " + ex);
			return EventResponse.text(400, "Reading the request body failed");
		}
	}

	private EventResponse handlePost(EventRequest request) throws IOException {
		String ceType = request.header("ce-type");
		EventResponse invalid = checkHeaders(request, ceType);
		if (invalid != null) {
			if (this.settings.dumpRequests()) {
				this.dumper.dump(request, null);
			}
			return invalid;
		}
		EventKind kind = EventKind.forCloudEventType(ceType);
		String hub = request.header("ce-hub");
		String connectionId = request.header("ce-connectionId");

		if (request.contentLength() > this.settings.maxBodySize()) {
			return tooLarge();
		}
		byte[] body = request.readBody(this.settings.maxBodySize());
		if (body == null) {
			return tooLarge();
		}
		if (this.settings.dumpRequests()) {
			this.dumper.dump(request, body);
		}

		WebPubSubDataType dataType = WebPubSubDataType.fromContentType(request.header("Content-Type"));
		if (kind == EventKind.USER && dataType == null) {
			String contentType = request.header("Content-Type");
			String problem = (contentType == null) ? "Missing header 'Content-Type'"
					: "Content-Type '" + contentType + "' is not supported";
			return EventResponse.text(415, problem + " for user events: use text/plain, application/json or "
					+ "application/octet-stream");
		}
		String eventName = (kind == EventKind.USER) ? ceType.substring(EventKind.USER_PREFIX.length())
				: kind.systemEventName();
		ConnectionContext context = new ConnectionContext(hub, connectionId, request.header("ce-userId"), eventName,
				request.header("ce-subprotocol"), request.header(AbuseProtection.REQUEST_ORIGIN),
				connectionStates(request, hub, connectionId), this.jsonMapper);
		return dispatch(kind, context, body, dataType);
	}

	/** Returns the rejection of a request whose headers are missing or wrong, or {@code null} when they are fine. */
	private @Nullable EventResponse checkHeaders(EventRequest request, @Nullable String ceType) {
		if (request.header("ce-awpsversion") == null) {
			return EventResponse.text(400, "Missing header 'ce-awpsversion': this endpoint accepts only Web PubSub "
					+ "CloudEvents");
		}
		if (ceType == null || EventKind.forCloudEventType(ceType) == null) {
			return EventResponse.text(400, "Header 'ce-type' value '" + ceType + "' is not a Web PubSub event type: "
					+ "expected 'azure.webpubsub.user.<event>' or 'azure.webpubsub.sys.' followed by connect, "
					+ "connected, disconnected, joined or left");
		}
		String hub = request.header("ce-hub");
		if (hub == null || hub.isBlank()) {
			return EventResponse.text(400, "Missing header 'ce-hub'");
		}
		if (!this.registry.isRegisteredHub(hub)) {
			return EventResponse.text(400, "Hub '" + hub + "' is not registered: no listener handles it and it is "
					+ "not 'webpubsub.hub'");
		}
		String connectionId = request.header("ce-connectionId");
		if (connectionId == null || connectionId.isBlank()) {
			return EventResponse.text(400, "Missing header 'ce-connectionId'");
		}
		SignatureVerifier verifier = this.settings.signatureVerifier();
		if (verifier != null && !verifier.isValid(request.header("ce-signature"), connectionId)) {
			this.signatureWarnings.warn(() -> "Rejected a Web PubSub event with a missing or invalid ce-signature "
					+ "(hub " + hub + ", connection " + connectionId + "): check that the service and this application "
					+ "share a key");
			return EventResponse.text(401, "Missing or invalid header 'ce-signature'");
		}
		return null;
	}

	private EventResponse dispatch(EventKind kind, ConnectionContext context, byte[] body,
			@Nullable WebPubSubDataType dataType) {
		ListenerMethod listener = this.registry.find(context.getHub(), context.getEventName());
		if (listener == null) {
			warnUnhandled(kind, context);
			return this.replies.unhandled(kind);
		}
		try {
			Object event = this.eventFactory.create(kind, context, body, dataType);
			Object result = listener.invoke(event, context);
			return this.replies.reply(kind, result, context);
		}
		catch (EventDataException ex) {
			logger.debug("Rejected event " + describe(context) + ": " + ex.getMessage());
			return EventResponse.text(400, ex.getMessage());
		}
		catch (WebPubSubEventException ex) {
			logger.debug("Listener " + listener.describe() + " rejected connection " + context.getConnectionId()
					+ " with " + ex.getStatus() + ": " + ex.getMessage());
			return EventResponse.text(ex.getStatus(), String.valueOf(ex.getMessage()));
		}
		catch (Throwable ex) {
			if (ex instanceof Error error) {
				throw error;
			}
			logger.error("Listener " + ListenerDefinitionException.describe(listener.method()) + " failed on event "
					+ describe(context), ex);
			return EventResponse.text(500, GENERIC_ERROR);
		}
	}

	private Map<String, JsonNode> connectionStates(EventRequest request, String hub, String connectionId) {
		String header = request.header(EventReplies.CONNECTION_STATE);
		if (header == null || header.isBlank()) {
			return Map.of();
		}
		try {
			return this.stateCodec.decode(header);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Ignored header 'ce-connectionState' of connection " + connectionId + " of hub " + hub
					+ ", because " + ex.getMessage() + ": the listener sees an empty state");
			return Map.of();
		}
	}

	private void warnUnhandled(EventKind kind, ConnectionContext context) {
		if (kind != EventKind.USER) {
			return;
		}
		String key = (context.getHub() + "/" + context.getEventName()).toLowerCase(Locale.ROOT);
		if (this.warnedUnhandledEvents.size() < 1000 && this.warnedUnhandledEvents.add(key)) {
			logger.warn("No @WebPubSubEventListener handles user event '" + context.getEventName() + "' of hub '"
					+ context.getHub() + "': the service receives 204 and the client no reply");
		}
	}

	private static EventResponse tooLarge() {
		return EventResponse.text(413, "The request body is over the limit: raise "
				+ "'webpubsub.event-handler.max-body-size' if such events are expected");
	}

	private static String describe(ConnectionContext context) {
		return "'" + context.getEventName() + "' of hub '" + context.getHub() + "' from connection "
				+ context.getConnectionId();
	}

}
