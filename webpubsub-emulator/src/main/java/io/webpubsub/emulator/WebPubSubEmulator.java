package io.webpubsub.emulator;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.webpubsub.emulator.auth.AccessTokens;
import io.webpubsub.emulator.client.ClientEndpoint;
import io.webpubsub.emulator.http.EmulatorServer;
import io.webpubsub.emulator.http.RestApi;
import io.webpubsub.emulator.hub.ServiceState;
import io.webpubsub.emulator.upstream.UpstreamClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running emulator: a local service that behaves like Azure Web PubSub on the wire, listening on the loopback
 * address. State is kept in memory and lost when it stops.
 */
public final class WebPubSubEmulator implements AutoCloseable {

	/** The documented development key, used when no key is given; it is public, so never use it in production. */
	public static final String DEFAULT_ACCESS_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

	/** Default port of the standalone emulator. */
	public static final int DEFAULT_PORT = 8090;

	private static final Logger logger = LoggerFactory.getLogger(WebPubSubEmulator.class);

	/** Maximum wait for an event handler's response. A slower handler fails that event only. */
	private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(30);

	private final String accessKey;

	private final ServiceState state = new ServiceState();

	private final EmulatorServer server;

	private final UpstreamClient upstream;

	private WebPubSubEmulator(int port, String accessKey) throws InterruptedException {
		this.accessKey = accessKey;
		AccessTokens tokens = new AccessTokens(accessKey, Clock.systemUTC());
		JsonMapper jsonMapper = JsonMapper.builder().build();
		this.upstream = new UpstreamClient(accessKey, UPSTREAM_TIMEOUT);
		RestApi restApi = new RestApi(this.state, tokens, jsonMapper);
		ClientEndpoint clientEndpoint = new ClientEndpoint(this.state, tokens, jsonMapper, this.upstream);
		try {
			this.server = new EmulatorServer(new InetSocketAddress(loopback(), port), restApi, clientEndpoint);
		}
		catch (InterruptedException | RuntimeException ex) {
			this.upstream.close();
			throw ex;
		}
		logger.info("Web PubSub emulator listening on http://localhost:{}", this.server.port());
	}

	/**
	 * Starts an emulator.
	 * @param port the port, or 0 for any free port
	 * @param accessKey the key that signs tokens, at least 32 bytes
	 * @throws IllegalArgumentException if the port is outside 0-65535 or the key is too short
	 * @throws IllegalStateException if the port is taken
	 */
	public static WebPubSubEmulator start(int port, String accessKey) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Port " + port + " is outside 0-65535: use 0 for any free port");
		}
		Objects.requireNonNull(accessKey, "accessKey must not be null");
		try {
			return new WebPubSubEmulator(port, accessKey);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the emulator", ex);
		}
		catch (IllegalArgumentException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// Netty rethrows a bind failure, a checked exception, without declaring it.
			throw new IllegalStateException("The emulator cannot listen on 127.0.0.1:" + port + " (" + ex
					+ "): free the port or choose another one", ex);
		}
	}

	/** Returns the port the emulator listens on. */
	public int port() {
		return this.server.port();
	}

	/** Returns the endpoint, such as {@code http://localhost:8090}. */
	public String endpoint() {
		return "http://localhost:" + port();
	}

	/** Returns the connection string that clients and the starter use. It contains the access key. */
	public String connectionString() {
		return "Endpoint=http://localhost;Port=" + port() + ";AccessKey=" + this.accessKey + ";Version=1.0;";
	}

	/**
	 * Sends the events of a hub to an event handler: {@code {hub}} and {@code {event}} in the URL template are
	 * replaced, such as {@code http://localhost:8080/eventhandler/{event}}.
	 * @throws IllegalArgumentException if the template is not an http or https URL
	 */
	public void setUpstream(String hub, String urlTemplate) {
		this.upstream.setUrlTemplate(hub, urlTemplate);
		logger.info("Events of hub {} go to {}", hub, urlTemplate);
	}

	/** Returns the in-memory state of the hubs. */
	public ServiceState state() {
		return this.state;
	}

	/** Stops the emulator and releases its port. */
	@Override
	public void close() {
		this.server.close();
		this.upstream.close();
		logger.info("Web PubSub emulator on port {} stopped", port());
	}

	@Override
	public String toString() {
		return "WebPubSubEmulator[" + endpoint() + "]";
	}

	private static InetAddress loopback() {
		try {
			return InetAddress.getByName("127.0.0.1");
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("The loopback address cannot be resolved", ex);
		}
	}

}
