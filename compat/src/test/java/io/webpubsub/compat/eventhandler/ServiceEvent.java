package io.webpubsub.compat.eventhandler;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A request shaped as Web PubSub sends it to an event handler: a CloudEvent in binary mode, whose attributes are
 * {@code ce-*} headers, with the {@code WebHook-Request-Origin} of the service and a {@code ce-signature} made with
 * the access key. The same instance builds the request for either handler.
 */
final class ServiceEvent {

	/** Host the service names in {@code WebHook-Request-Origin}: the host of the connection string's endpoint. */
	static final String REQUEST_ORIGIN = "localhost";

	private static final String HUB = "chat";

	private static final String CONNECTION_ID = "conn-1";

	private static final String USER_ID = "alice";

	private final String method;

	private final String path;

	private final Map<String, String> headers;

	private final byte[] body;

	private final String contentType;

	private ServiceEvent(String method, String path, Map<String, String> headers, byte[] body, String contentType) {
		this.method = method;
		this.path = path;
		this.headers = headers;
		this.body = body;
		this.contentType = contentType;
	}

	/** Returns the abuse protection handshake the service sends before any event. */
	static ServiceEvent handshake(String origin) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("WebHook-Request-Origin", origin);
		headers.put("ce-awpsversion", "1.0");
		return new ServiceEvent("OPTIONS", "/eventhandler", headers, new byte[0], null);
	}

	/** Returns a system event such as {@code connect} with its JSON body. */
	static ServiceEvent system(String event, String json) {
		return event("azure.webpubsub.sys." + event, event, "application/json; charset=utf-8",
				json.getBytes(StandardCharsets.UTF_8));
	}

	/** Returns a user event as a plain WebSocket client or the {@code event} message of a subprotocol sends it. */
	static ServiceEvent user(String event, String contentType, byte[] data) {
		return event("azure.webpubsub.user." + event, event, contentType, data);
	}

	/** Returns a user event with text data, sent as {@code text/plain}. */
	static ServiceEvent userText(String event, String text) {
		return user(event, "text/plain", text.getBytes(StandardCharsets.UTF_8));
	}

	private static ServiceEvent event(String ceType, String event, String contentType, byte[] body) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("ce-specversion", "1.0");
		headers.put("ce-awpsversion", "1.0");
		headers.put("ce-type", ceType);
		headers.put("ce-source", "/hubs/" + HUB + "/client/" + CONNECTION_ID);
		headers.put("ce-id", "1");
		headers.put("ce-time", "2026-12-04T00:00:00Z");
		headers.put("ce-hub", HUB);
		headers.put("ce-connectionId", CONNECTION_ID);
		headers.put("ce-eventName", event);
		headers.put("ce-userId", USER_ID);
		headers.put("ce-signature", sign(CONNECTION_ID, ParityListenerApplication.ACCESS_KEY));
		headers.put("WebHook-Request-Origin", REQUEST_ORIGIN);
		return new ServiceEvent("POST", "/eventhandler/" + event, headers, body, contentType);
	}

	/** Returns a copy with the hub changed in {@code ce-hub} and {@code ce-source}. */
	ServiceEvent hub(String hub) {
		return withHeader("ce-hub", hub).withHeader("ce-source", "/hubs/" + hub + "/client/" + CONNECTION_ID);
	}

	/** Returns a copy with the {@code ce-connectionState} header the service stores for the connection. */
	ServiceEvent connectionState(String headerValue) {
		return withHeader("ce-connectionState", headerValue);
	}

	/** Returns a copy whose connection state is the base64 of the JSON object. */
	ServiceEvent connectionStateJson(String json) {
		return connectionState(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
	}

	/** Returns a copy with one header set, replacing the usual value. */
	ServiceEvent withHeader(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.put(name, value);
		return new ServiceEvent(this.method, this.path, copy, this.body, this.contentType);
	}

	/** Returns a copy without the header. */
	ServiceEvent withoutHeader(String name) {
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.remove(name);
		return new ServiceEvent(this.method, this.path, copy, this.body, this.contentType);
	}

	/** Returns a copy sent to another path, such as {@code /EventHandler/message}. */
	ServiceEvent path(String path) {
		return new ServiceEvent(this.method, path, this.headers, this.body, this.contentType);
	}

	/** Builds the request for the handler at the base URL, such as {@code http://127.0.0.1:41234}. */
	Request toRequest(HttpUrl baseUrl) {
		HttpUrl url = baseUrl.newBuilder().encodedPath(this.path).build();
		Request.Builder request = new Request.Builder().url(url);
		this.headers.forEach(request::header);
		if ("OPTIONS".equals(this.method)) {
			return request.method("OPTIONS", null).build();
		}
		// A byte array body keeps the Content-Type exactly as given, but OkHttp adds a charset to String bodies.
		return request.method(this.method, RequestBody.create(this.body, MediaType.get(this.contentType))).build();
	}

	@Override
	public String toString() {
		return this.method + " " + this.path + " " + this.headers.getOrDefault("ce-type", "");
	}

	/** Returns the {@code ce-signature} the service sends: HMAC-SHA256 of the connection id, keyed with the key. */
	static String sign(String connectionId, String accessKey) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(accessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(connectionId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", ex);
		}
	}

}
