package io.webpubsub.spring.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builder of a {@link WebPubSubServiceClient}. A connection string (or an endpoint and key) and a hub are required,
 * and everything else has a default. Each setter checks its value when it is called.
 */
public final class WebPubSubServiceClientBuilder {

	/** Idle connections kept per client: OkHttp's default of 5 makes 16 busy callers open new connections often. */
	public static final int DEFAULT_MAX_IDLE_CONNECTIONS = 32;

	private @Nullable WebPubSubConnectionString connectionString;

	private @Nullable String hub;

	private @Nullable HttpUrl reverseProxyEndpoint;

	private @Nullable JsonMapper jsonMapper;

	private Duration connectTimeout = Duration.ofSeconds(10);

	private Duration readTimeout = Duration.ofSeconds(30);

	private Duration writeTimeout = Duration.ofSeconds(30);

	private int maxIdleConnections = DEFAULT_MAX_IDLE_CONNECTIONS;

	private Duration keepAlive = Duration.ofMinutes(5);

	private RetryOptions retryOptions = RetryOptions.DEFAULT;

	private Clock clock = Clock.systemUTC();

	private final List<Consumer<OkHttpClient.Builder>> httpClientCustomizers = new ArrayList<>();

	WebPubSubServiceClientBuilder() {
	}

	/** Sets the endpoint and key from a connection string such as {@code Endpoint=https://...;AccessKey=...;}. */
	public WebPubSubServiceClientBuilder connectionString(String connectionString) {
		return connectionString(WebPubSubConnectionString.parse(connectionString));
	}

	/** Sets the endpoint and key. */
	public WebPubSubServiceClientBuilder connectionString(WebPubSubConnectionString connectionString) {
		this.connectionString = Objects.requireNonNull(connectionString, "'connectionString' must not be null");
		return this;
	}

	/** Sets the endpoint and key separately, as an alternative to a connection string. */
	public WebPubSubServiceClientBuilder endpoint(String endpoint, String accessKey) {
		return connectionString(new WebPubSubConnectionString(endpoint, accessKey));
	}

	/** Sets the hub the client works on; {@link WebPubSubServiceClient#forHub(String)} reaches others. */
	public WebPubSubServiceClientBuilder hub(String hub) {
		this.hub = Arguments.requireHub(hub);
		return this;
	}

	/**
	 * Sends every REST request to a reverse proxy, such as an API gateway, in front of the service. Tokens keep the
	 * service URL as their audience and client URLs keep the service endpoint.
	 */
	public WebPubSubServiceClientBuilder reverseProxyEndpoint(String reverseProxyEndpoint) {
		Arguments.requireNonBlank("reverseProxyEndpoint", reverseProxyEndpoint);
		HttpUrl url = HttpUrl.parse(reverseProxyEndpoint.trim());
		if (url == null) {
			throw new IllegalArgumentException("'reverseProxyEndpoint' value '" + reverseProxyEndpoint
					+ "' is not an absolute http or https URL: use a URL such as 'https://gateway.example.com'");
		}
		this.reverseProxyEndpoint = url;
		return this;
	}

	/** Sets the Jackson mapper that serialises JSON messages; by default a mapper with Jackson's defaults. */
	public WebPubSubServiceClientBuilder jsonMapper(JsonMapper jsonMapper) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "'jsonMapper' must not be null");
		return this;
	}

	/** Sets the time to open a TCP connection, 10 seconds by default. */
	public WebPubSubServiceClientBuilder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = requirePositive("connectTimeout", connectTimeout);
		return this;
	}

	/** Sets the maximum wait for data of a response, 30 seconds by default. */
	public WebPubSubServiceClientBuilder readTimeout(Duration readTimeout) {
		this.readTimeout = requirePositive("readTimeout", readTimeout);
		return this;
	}

	/** Sets the maximum wait to write a request, 30 seconds by default. */
	public WebPubSubServiceClientBuilder writeTimeout(Duration writeTimeout) {
		this.writeTimeout = requirePositive("writeTimeout", writeTimeout);
		return this;
	}

	/** Sets the number of idle connections kept for reuse, {@value #DEFAULT_MAX_IDLE_CONNECTIONS} by default. */
	public WebPubSubServiceClientBuilder maxIdleConnections(int maxIdleConnections) {
		if (maxIdleConnections < 0) {
			throw new IllegalArgumentException(
					"'maxIdleConnections' value " + maxIdleConnections + " is negative: use 0 or more");
		}
		this.maxIdleConnections = maxIdleConnections;
		return this;
	}

	/** Sets how long an idle connection is kept, 5 minutes by default. */
	public WebPubSubServiceClientBuilder keepAlive(Duration keepAlive) {
		this.keepAlive = requirePositive("keepAlive", keepAlive);
		return this;
	}

	/** Sets the bounds of retries; {@link RetryOptions#none()} turns them off. */
	public WebPubSubServiceClientBuilder retryOptions(RetryOptions retryOptions) {
		this.retryOptions = Objects.requireNonNull(retryOptions, "'retryOptions' must not be null");
		return this;
	}

	/**
	 * Adds a callback that changes the OkHttp builder after the settings above are applied and before the client's
	 * own interceptors are added. An interceptor added here runs once per call, before retries and signing. The
	 * callback runs once, when the client sends its first request, because the OkHttp client is built then.
	 */
	public WebPubSubServiceClientBuilder httpClientCustomizer(Consumer<OkHttpClient.Builder> customizer) {
		this.httpClientCustomizers.add(Objects.requireNonNull(customizer, "'customizer' must not be null"));
		return this;
	}

	/** Sets the clock that dates tokens; tests use it to move time. */
	public WebPubSubServiceClientBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
		return this;
	}

	/**
	 * Builds the client.
	 * @throws IllegalStateException if no connection string or hub was set
	 */
	public WebPubSubServiceClient build() {
		if (this.connectionString == null) {
			throw new IllegalStateException("No connection string: call connectionString(...) or endpoint(...)");
		}
		if (this.hub == null) {
			throw new IllegalStateException("No hub: call hub(...)");
		}
		String endpointText = this.connectionString.endpoint();
		Lazy<HttpUrl> endpoint = new Lazy<>(() -> HttpUrl.get(endpointText));
		HmacJwtSigner signer = new HmacJwtSigner(this.connectionString.accessKey());

		// The settings are copied now, so a later change to this builder does not reach a client already built.
		HttpClientSettings settings = new HttpClientSettings(this.connectTimeout, this.readTimeout, this.writeTimeout,
				this.maxIdleConnections, this.keepAlive, List.copyOf(this.httpClientCustomizers), this.retryOptions,
				signer, this.clock, this.reverseProxyEndpoint);
		JsonMapper mapper = (this.jsonMapper != null) ? this.jsonMapper : JsonMapper.builder().build();
		ServiceRequestExecutor executor = new ServiceRequestExecutor(settings::buildHttpClient, mapper);
		return new WebPubSubServiceClient(executor, endpoint, this.hub,
				new ClientAccessTokenMinter(endpoint, signer, this.clock), true);
	}

	/** Everything the OkHttp client is built from, on the client's first request. */
	private record HttpClientSettings(Duration connectTimeout, Duration readTimeout, Duration writeTimeout,
			int maxIdleConnections, Duration keepAlive, List<Consumer<OkHttpClient.Builder>> customizers,
			RetryOptions retryOptions, HmacJwtSigner signer, Clock clock, @Nullable HttpUrl reverseProxyEndpoint) {

		OkHttpClient buildHttpClient() {
			OkHttpClient.Builder http = new OkHttpClient.Builder()
				.connectTimeout(this.connectTimeout)
				.readTimeout(this.readTimeout)
				.writeTimeout(this.writeTimeout)
				.connectionPool(new ConnectionPool(this.maxIdleConnections, this.keepAlive.toMillis(),
						TimeUnit.MILLISECONDS));
			this.customizers.forEach((customizer) -> customizer.accept(http));
			http.addInterceptor(new RetryInterceptor(this.retryOptions));
			http.addInterceptor(new AccessKeyAuthenticator(this.signer, this.clock));
			if (this.reverseProxyEndpoint != null) {
				http.addInterceptor(new ReverseProxyRewriter(this.reverseProxyEndpoint));
			}
			return http.build();
		}

		@Override
		public String toString() {
			return "HttpClientSettings[connectTimeout=" + this.connectTimeout + ", readTimeout=" + this.readTimeout
					+ ", writeTimeout=" + this.writeTimeout + "]";
		}

	}

	private static Duration requirePositive(String name, Duration value) {
		Objects.requireNonNull(value, () -> "'" + name + "' must not be null");
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("'" + name + "' value " + value + " is not positive: use a duration "
					+ "above zero");
		}
		return value;
	}

}
