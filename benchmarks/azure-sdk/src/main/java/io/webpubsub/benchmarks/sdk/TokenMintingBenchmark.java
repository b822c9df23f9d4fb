package io.webpubsub.benchmarks.sdk;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.azure.messaging.webpubsub.WebPubSubServiceClientBuilder;
import com.azure.messaging.webpubsub.models.GetClientAccessTokenOptions;
import com.azure.messaging.webpubsub.models.WebPubSubClientAccessToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.webpubsub.spring.client.ClientAccessToken;
import io.webpubsub.spring.client.ClientAccessTokenOptions;
import io.webpubsub.spring.client.WebPubSubServiceClient;

/**
 * Client access token minting with an access key: the starter's {@code getClientAccessToken} against the official
 * SDK's, for the same user id, roles, groups and lifetime. Each benchmark returns the token, so JMH consumes it.
 *
 * <p>Both clients point at a loopback port that nothing listens on, so a method that sent a request would fail
 * instead of being measured; {@link #createClients()} also checks that both tokens carry the same claims.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 4, time = 1)
@State(Scope.Benchmark)
public class TokenMintingBenchmark {

	private static final String ACCESS_KEY = "BenchmarkAccessKey0123456789abcdefghijklmnopq";

	private static final String HUB = "bench";

	private static final String USER_ID = "bench-user";

	private static final List<String> ROLES = List.of("webpubsub.sendToGroup", "webpubsub.joinLeaveGroup");

	private static final List<String> GROUPS = List.of("lobby", "room-1");

	private static final Duration LIFETIME = Duration.ofMinutes(60);

	private WebPubSubServiceClient starter;

	private ClientAccessTokenOptions starterOptions;

	private com.azure.messaging.webpubsub.WebPubSubServiceClient azureSdk;

	private GetClientAccessTokenOptions azureSdkOptions;

	@Setup
	public void createClients() throws IOException {
		String connectionString = "Endpoint=http://127.0.0.1:" + closedPort() + ";AccessKey=" + ACCESS_KEY
				+ ";Version=1.0;";
		this.starter = WebPubSubServiceClient.builder().connectionString(connectionString).hub(HUB).build();
		this.starterOptions = ClientAccessTokenOptions.defaults()
			.userId(USER_ID)
			.roles(ROLES)
			.groups(GROUPS)
			.lifetime(LIFETIME);

		this.azureSdk = new WebPubSubServiceClientBuilder().connectionString(connectionString).hub(HUB).buildClient();
		this.azureSdkOptions = new GetClientAccessTokenOptions().setUserId(USER_ID)
			.setRoles(new ArrayList<>(ROLES))
			.setGroups(new ArrayList<>(GROUPS))
			.setExpiresAfter(LIFETIME);

		requireClaims("starter", starter().token());
		requireClaims("azure-sdk", azureSdk().getToken());
	}

	@TearDown
	public void closeClients() {
		this.starter.close();
	}

	@Benchmark
	public ClientAccessToken starter() {
		return this.starter.getClientAccessToken(this.starterOptions);
	}

	@Benchmark
	public WebPubSubClientAccessToken azureSdk() {
		return this.azureSdk.getClientAccessToken(this.azureSdkOptions);
	}

	/** Returns a loopback port that was free a moment ago, so a connection to it is refused. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	private static void requireClaims(String contender, String token) {
		String[] parts = token.split("\\.");
		if (parts.length != 3) {
			throw new IllegalStateException(contender + " minted a token of " + parts.length
					+ " dot-separated parts, which is not a signed JWT of 3");
		}
		String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		List<String> expected = new ArrayList<>(List.of("\"sub\":\"" + USER_ID + "\"", "\"exp\":", "\"aud\":"));
		ROLES.forEach((role) -> expected.add("\"" + role + "\""));
		GROUPS.forEach((group) -> expected.add("\"" + group + "\""));
		for (String part : expected) {
			if (!claims.contains(part)) {
				throw new IllegalStateException(contender + " minted claims " + claims + " without " + part);
			}
		}
	}
}
