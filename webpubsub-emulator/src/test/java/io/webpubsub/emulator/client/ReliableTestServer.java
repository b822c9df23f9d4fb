package io.webpubsub.emulator.client;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

import io.webpubsub.emulator.WebPubSubEmulator;
import io.webpubsub.emulator.auth.AccessTokens;
import io.webpubsub.emulator.http.EmulatorServer;
import io.webpubsub.emulator.http.RestApi;
import io.webpubsub.emulator.hub.ServiceState;
import io.webpubsub.emulator.upstream.UpstreamClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * An emulator on a random loopback port, assembled from the same parts as {@link WebPubSubEmulator} but with limits
 * of the reliable JSON subprotocol that a test chooses, such as a recovery window of a few hundred milliseconds.
 */
final class ReliableTestServer implements AutoCloseable {

	private static final String ACCESS_KEY = WebPubSubEmulator.DEFAULT_ACCESS_KEY;

	private final UpstreamClient upstream = new UpstreamClient(ACCESS_KEY, Duration.ofSeconds(5));

	private final EmulatorServer server;

	ReliableTestServer(ReliableOptions options) throws InterruptedException {
		AccessTokens tokens = new AccessTokens(ACCESS_KEY, Clock.systemUTC());
		JsonMapper jsonMapper = JsonMapper.builder().build();
		ServiceState state = new ServiceState();
		ClientEndpoint clientEndpoint = new ClientEndpoint(state, tokens, jsonMapper, this.upstream, options);
		this.server = new EmulatorServer(new InetSocketAddress("127.0.0.1", 0), new RestApi(state, tokens, jsonMapper),
				clientEndpoint);
	}

	int port() {
		return this.server.port();
	}

	String connectionString() {
		return "Endpoint=http://localhost;Port=" + port() + ";AccessKey=" + ACCESS_KEY + ";Version=1.0;";
	}

	/** Sends the events of a hub to an event handler URL template, as {@link WebPubSubEmulator#setUpstream} does. */
	void setUpstream(String hub, String urlTemplate) {
		this.upstream.setUrlTemplate(hub, urlTemplate);
	}

	@Override
	public void close() {
		this.server.close();
		this.upstream.close();
	}

}
