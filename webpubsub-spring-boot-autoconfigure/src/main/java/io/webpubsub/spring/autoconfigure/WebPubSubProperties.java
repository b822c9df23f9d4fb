package io.webpubsub.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the Web PubSub starter.
 */
@ConfigurationProperties("webpubsub")
public class WebPubSubProperties {

	/**
	 * Connection string of the Web PubSub resource, as shown on its Keys page:
	 * 'Endpoint=https://<resource>.webpubsub.azure.com;AccessKey=<key>;Version=1.0;'.
	 */
	private @Nullable String connectionString;

	/**
	 * Endpoint URL of the Web PubSub resource. Together with 'webpubsub.key', an alternative to
	 * 'webpubsub.connection-string'.
	 */
	private @Nullable String endpoint;

	/**
	 * Access key of the Web PubSub resource, used with 'webpubsub.endpoint'.
	 */
	private @Nullable String key;

	/**
	 * Hub of the auto-configured client, and the default hub of event listeners.
	 */
	private @Nullable String hub;

	/**
	 * URL of a reverse proxy, such as an API gateway, that REST calls go through. Tokens keep the service URL as
	 * their audience and client URLs keep the service endpoint.
	 */
	private @Nullable String reverseProxyEndpoint;

	private final Client client = new Client();

	private final EventHandler eventHandler = new EventHandler();

	public @Nullable String getConnectionString() {
		return this.connectionString;
	}

	public void setConnectionString(@Nullable String connectionString) {
		this.connectionString = connectionString;
	}

	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable String endpoint) {
		this.endpoint = endpoint;
	}

	public @Nullable String getKey() {
		return this.key;
	}

	public void setKey(@Nullable String key) {
		this.key = key;
	}

	public @Nullable String getHub() {
		return this.hub;
	}

	public void setHub(@Nullable String hub) {
		this.hub = hub;
	}

	public @Nullable String getReverseProxyEndpoint() {
		return this.reverseProxyEndpoint;
	}

	public void setReverseProxyEndpoint(@Nullable String reverseProxyEndpoint) {
		this.reverseProxyEndpoint = reverseProxyEndpoint;
	}

	public Client getClient() {
		return this.client;
	}

	public EventHandler getEventHandler() {
		return this.eventHandler;
	}

	/**
	 * Settings of the HTTP client that calls the REST API.
	 */
	public static class Client {

		/**
		 * Time to open a TCP connection to the service.
		 */
		private Duration connectTimeout = Duration.ofSeconds(10);

		/**
		 * Maximum wait for data of a response.
		 */
		private Duration readTimeout = Duration.ofSeconds(30);

		/**
		 * Maximum wait to write a request.
		 */
		private Duration writeTimeout = Duration.ofSeconds(30);

		/**
		 * Idle connections kept for reuse. OkHttp's own default of 5 makes many concurrent callers open new
		 * connections often.
		 */
		private int maxIdleConnections = 32;

		/**
		 * How long an idle connection is kept for reuse.
		 */
		private Duration keepAlive = Duration.ofMinutes(5);

		private final Retry retry = new Retry();

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getWriteTimeout() {
			return this.writeTimeout;
		}

		public void setWriteTimeout(Duration writeTimeout) {
			this.writeTimeout = writeTimeout;
		}

		public int getMaxIdleConnections() {
			return this.maxIdleConnections;
		}

		public void setMaxIdleConnections(int maxIdleConnections) {
			this.maxIdleConnections = maxIdleConnections;
		}

		public Duration getKeepAlive() {
			return this.keepAlive;
		}

		public void setKeepAlive(Duration keepAlive) {
			this.keepAlive = keepAlive;
		}

		public Retry getRetry() {
			return this.retry;
		}

	}

	/**
	 * Retries of requests that failed with 408, 429, 500, 502, 503, 504 or an I/O error.
	 */
	public static class Retry {

		/**
		 * Attempts in all, the first one included. 1 turns retries off.
		 */
		private int maxAttempts = 4;

		/**
		 * Wait before the first retry. Each later wait doubles, with jitter, up to 'max-delay', unless the service
		 * requests a longer one with Retry-After.
		 */
		private Duration initialDelay = Duration.ofMillis(800);

		/**
		 * Maximum wait between two attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(8);

		/**
		 * Time from the first attempt after which no further attempt starts.
		 */
		private Duration maxElapsedTime = Duration.ofSeconds(60);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public Duration getMaxElapsedTime() {
			return this.maxElapsedTime;
		}

		public void setMaxElapsedTime(Duration maxElapsedTime) {
			this.maxElapsedTime = maxElapsedTime;
		}

	}

	/**
	 * Settings of the endpoint that receives the service's events.
	 */
	public static class EventHandler {

		/**
		 * Whether to serve the event handler endpoint in a servlet web application. By default it is served when
		 * @WebPubSubEventListener methods exist; true serves it without listeners, false turns it off.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Path of the endpoint. Paths below it are accepted too, so URL templates such as
		 * '/eventhandler/{event}' work.
		 */
		private String path = "/eventhandler";

		/**
		 * Hosts the abuse protection handshake allows, matched case-insensitively. By default the host of the
		 * configured endpoint, or any host when no endpoint is configured. '*' allows any host.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Whether to reject events whose ce-signature does not match an access key. By default true when a key
		 * is known.
		 */
		private @Nullable Boolean validateSignature;

		/**
		 * Access keys accepted in ce-signature besides the configured one, such as the secondary key while keys
		 * rotate.
		 */
		private List<String> additionalKeys = new ArrayList<>();

		/**
		 * Largest request body accepted. Larger requests are rejected with 413.
		 */
		private DataSize maxBodySize = DataSize.ofMegabytes(2);

		/**
		 * Whether to log each request at INFO, with signatures, tokens and cookies masked.
		 */
		private boolean dumpRequests;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public @Nullable Boolean getValidateSignature() {
			return this.validateSignature;
		}

		public void setValidateSignature(@Nullable Boolean validateSignature) {
			this.validateSignature = validateSignature;
		}

		public List<String> getAdditionalKeys() {
			return this.additionalKeys;
		}

		public void setAdditionalKeys(List<String> additionalKeys) {
			this.additionalKeys = additionalKeys;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		public boolean isDumpRequests() {
			return this.dumpRequests;
		}

		public void setDumpRequests(boolean dumpRequests) {
			this.dumpRequests = dumpRequests;
		}

	}

}
