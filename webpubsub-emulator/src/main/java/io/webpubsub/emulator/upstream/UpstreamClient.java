package io.webpubsub.emulator.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to the event handler configured for each hub, as the service does: CloudEvents in binary mode with
 * {@code ce-signature}, after the abuse protection handshake succeeded for the URL. Calls are asynchronous, so a
 * handler that hangs delays only the connection whose event it holds.
 */
public final class UpstreamClient implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(UpstreamClient.class);

	private static final String ORIGIN = "localhost";

	private final Map<String, String> urlTemplates = new ConcurrentHashMap<>();

	private final Set<String> validatedUrls = ConcurrentHashMap.newKeySet();

	private final Duration timeout;

	private final SecretKeySpec signingKey;

	/**
	 * The HTTP client and the keyed HMAC, created on the first event. Loading OkHttp, the TLS trust store and the
	 * crypto providers took over 150 ms of CPU in a fresh JVM on a 2-core benchmark machine (Java 17, OkHttp 5.5.1).
	 * An emulator whose hubs have no event handler never needs them.
	 */
	private volatile @Nullable Resources resources;

	private record Resources(OkHttpClient http, Mac signaturePrototype) {
	}

	/**
	 * Creates the client.
	 * @param accessKey the key that signs events
	 * @param timeout the longest wait for the handler's response
	 */
	public UpstreamClient(String accessKey, Duration timeout) {
		this.timeout = timeout;
		this.signingKey = new SecretKeySpec(accessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	private Resources resources() {
		Resources current = this.resources;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (this.resources == null) {
				this.resources = createResources();
			}
			return this.resources;
		}
	}

	private Resources createResources() {
		OkHttpClient http = new OkHttpClient.Builder().callTimeout(this.timeout).retryOnConnectionFailure(false).build();
		http.dispatcher().setMaxRequestsPerHost(256);
		http.dispatcher().setMaxRequests(1024);
		try {
			Mac signaturePrototype = Mac.getInstance("HmacSHA256");
			signaturePrototype.init(this.signingKey);
			return new Resources(http, signaturePrototype);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", ex);
		}
	}

	/**
	 * Sets the event handler URL template of a hub, such as {@code http://localhost:8080/eventhandler/{event}}.
	 * @throws IllegalArgumentException if the template is not an http or https URL
	 */
	public void setUrlTemplate(String hub, String urlTemplate) {
		String sample = urlTemplate.replace("{hub}", "hub").replace("{event}", "event");
		if (okhttp3.HttpUrl.parse(sample) == null) {
			throw new IllegalArgumentException("Upstream URL template '" + urlTemplate + "' of hub '" + hub
					+ "' is not an http or https URL");
		}
		this.urlTemplates.put(hub.toLowerCase(Locale.ROOT), urlTemplate);
	}

	/** Returns whether the hub has an event handler. */
	public boolean hasUpstream(String hub) {
		return this.urlTemplates.containsKey(hub.toLowerCase(Locale.ROOT));
	}

	/** Sends an event; the future completes with the reply, or a failed reply, and never exceptionally. */
	public CompletableFuture<UpstreamReply> send(UpstreamEvent event) {
		String template = this.urlTemplates.get(event.hub().toLowerCase(Locale.ROOT));
		if (template == null) {
			return CompletableFuture.completedFuture(UpstreamReply.failed("no event handler for hub " + event.hub()));
		}
		String url = template.replace("{hub}", encode(event.hub())).replace("{event}", encode(event.eventName()));
		String validationUrl = template.replace("{hub}", encode(event.hub())).replace("{event}", "validate");
		return validate(validationUrl).thenCompose((failure) -> {
			if (failure != null) {
				logger.warn("Event {} of hub {} for connection {} was not sent: {}", event.eventName(), event.hub(),
						event.connectionId(), failure);
				return CompletableFuture.completedFuture(UpstreamReply.failed(failure));
			}
			return post(url, event);
		});
	}

	/** Returns {@code null} once the handshake succeeded for the URL, or why it failed. */
	private CompletableFuture<@Nullable String> validate(String url) {
		if (this.validatedUrls.contains(url)) {
			return CompletableFuture.completedFuture(null);
		}
		Request request = new Request.Builder().url(url)
			.method("OPTIONS", null)
			.header("WebHook-Request-Origin", ORIGIN)
			.header("ce-awpsversion", "1.0")
			.build();
		return execute(request).thenApply((reply) -> {
			if (reply.failure() != null) {
				return "the abuse protection request to " + url + " failed: " + reply.failure();
			}
			String allowed = reply.allowedOrigin();
			if (reply.status() < 200 || reply.status() >= 300 || allowed == null
					|| !(allowed.trim().equals("*") || allowed.trim().equalsIgnoreCase(ORIGIN))) {
				return "the abuse protection request to " + url + " was answered with " + reply.status()
						+ " and WebHook-Allowed-Origin '" + allowed + "': allow origin '" + ORIGIN + "' or '*'";
			}
			this.validatedUrls.add(url);
			return null;
		});
	}

	private CompletableFuture<UpstreamReply> post(String url, UpstreamEvent event) {
		Request.Builder request = new Request.Builder().url(url)
			.post(RequestBody.create(event.body(), MediaType.get(event.contentType())))
			.header("ce-specversion", "1.0")
			.header("ce-awpsversion", "1.0")
			.header("ce-type", event.ceType())
			.header("ce-source", "/hubs/" + event.hub() + "/client/" + event.connectionId())
			.header("ce-id", Long.toString(event.eventId()))
			.header("ce-time", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)))
			.header("ce-hub", event.hub())
			.header("ce-connectionId", event.connectionId())
			.header("ce-eventName", event.eventName())
			.header("ce-signature", "sha256=" + sign(event.connectionId()))
			.header("WebHook-Request-Origin", ORIGIN);
		if (event.userId() != null) {
			request.header("ce-userId", event.userId());
		}
		if (event.subprotocol() != null) {
			request.header("ce-subprotocol", event.subprotocol());
		}
		if (event.connectionState() != null) {
			request.header("ce-connectionState", event.connectionState());
		}
		return execute(request.build()).thenApply((reply) -> {
			if (reply.failure() != null) {
				logger.warn("Event {} of hub {} for connection {} failed: {}", event.eventName(), event.hub(),
						event.connectionId(), reply.failure());
			}
			else if (!reply.reply().isSuccessful()) {
				logger.warn("Event {} of hub {} for connection {} was answered with {}", event.eventName(),
						event.hub(), event.connectionId(), reply.status());
			}
			return reply.reply();
		});
	}

	private CompletableFuture<RawReply> execute(Request request) {
		CompletableFuture<RawReply> result = new CompletableFuture<>();
		resources().http().newCall(request).enqueue(new Callback() {
			@Override
			public void onFailure(Call call, IOException failure) {
				result.complete(new RawReply(UpstreamReply.failed(failure.toString()), null));
			}

			@Override
			public void onResponse(Call call, Response response) {
				try (response) {
					byte[] body = response.body().bytes();
					String contentType = response.header("Content-Type");
					result.complete(new RawReply(new UpstreamReply(response.code(), contentType, body,
							response.header("ce-connectionState"), null), response.header("WebHook-Allowed-Origin")));
				}
				catch (IOException ex) {
					result.complete(new RawReply(UpstreamReply.failed(ex.toString()), null));
				}
			}
		});
		return result;
	}

	private String sign(String connectionId) {
		try {
			Mac mac = (Mac) resources().signaturePrototype().clone();
			return HexFormat.of().formatHex(mac.doFinal(connectionId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("The HmacSHA256 provider of this Java runtime cannot copy a key", ex);
		}
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Override
	public void close() {
		Resources current;
		synchronized (this) {
			current = this.resources;
		}
		if (current != null) {
			current.http().dispatcher().executorService().shutdown();
			current.http().connectionPool().evictAll();
		}
	}

	private record RawReply(UpstreamReply reply, @Nullable String allowedOrigin) {

		int status() {
			return this.reply.status();
		}

		@Nullable String failure() {
			return this.reply.failure();
		}

	}

}
