package io.webpubsub.spring.eventhandler;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.webpubsub.spring.eventhandler.support.SignatureVerifier;
import io.webpubsub.spring.eventhandler.testapp.EventHandlerTestApplication;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Requests shaped as the service sends them: CloudEvents headers in binary mode, signed with the access key.
 */
final class EventRequests {

	static final SignatureVerifier SIGNER = new SignatureVerifier(List.of(EventHandlerTestApplication.ACCESS_KEY));

	static final String JSON_UTF8 = "application/json; charset=utf-8";

	private EventRequests() {
	}

	static MockHttpServletRequestBuilder systemEvent(String event, String connectionId) {
		return event("azure.webpubsub.sys." + event, event, "chat", connectionId).contentType(JSON_UTF8);
	}

	static MockHttpServletRequestBuilder userEvent(String event, String connectionId, MediaType contentType) {
		return userEvent(event, connectionId, contentType, Map.of());
	}

	/**
	 * Returns a user event request whose headers are changed: a header mapped to a value replaces the usual one,
	 * and a header mapped to {@code null} is left out.
	 */
	static MockHttpServletRequestBuilder userEvent(String event, String connectionId, MediaType contentType,
			Map<String, String> changedHeaders) {
		return event("azure.webpubsub.user." + event, event, "chat", connectionId, changedHeaders)
			.contentType(contentType);
	}

	static MockHttpServletRequestBuilder event(String ceType, String event, String hub, String connectionId) {
		return event(ceType, event, hub, connectionId, Map.of());
	}

	static MockHttpServletRequestBuilder event(String ceType, String event, String hub, String connectionId,
			Map<String, String> changedHeaders) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("ce-specversion", "1.0");
		headers.put("ce-awpsversion", "1.0");
		headers.put("ce-type", ceType);
		headers.put("ce-source", "/hubs/" + hub + "/client/" + connectionId);
		headers.put("ce-id", "1");
		headers.put("ce-time", "2026-12-04T00:00:00Z");
		headers.put("ce-hub", hub);
		headers.put("ce-connectionId", connectionId);
		headers.put("ce-eventName", event);
		headers.put("ce-userId", "alice");
		headers.put("ce-signature", SIGNER.sign(connectionId));
		headers.put("WebHook-Request-Origin", "localhost");
		headers.putAll(changedHeaders);

		MockHttpServletRequestBuilder request = post("/eventhandler/" + event);
		headers.forEach((name, value) -> {
			if (value != null) {
				request.header(name, value);
			}
		});
		return request;
	}

	/** Returns a header change that leaves the header out. */
	static Map<String, String> without(String header) {
		Map<String, String> change = new HashMap<>();
		change.put(header, null);
		return change;
	}

	static MockHttpServletRequestBuilder handshake(String origin) {
		return options("/eventhandler/validate").header("WebHook-Request-Origin", origin)
			.header("ce-awpsversion", "1.0");
	}

}
