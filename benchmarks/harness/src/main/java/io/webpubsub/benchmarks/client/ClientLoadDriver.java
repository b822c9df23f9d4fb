package io.webpubsub.benchmarks.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import io.webpubsub.benchmarks.driver.ClosedLoopLoad;
import io.webpubsub.benchmarks.driver.DriverLoop;
import io.webpubsub.benchmarks.support.Loopback;
import io.webpubsub.spring.client.WebPubSubMessage;
import io.webpubsub.spring.client.WebPubSubServiceClient;

/**
 * The load driver of the starter's service client and of its ceiling, raw OkHttp, both sending the same JSON message
 * to the hub's {@code :send} endpoint of an {@link HttpSink}.
 *
 * <p>Arguments: the sink's port, the access key and the message JSON. Command: {@code run <contender> <callers>
 * <seconds>} with the contender {@code starter} or {@code okhttp}; it returns the figures of {@link ClosedLoopLoad}.
 */
public final class ClientLoadDriver {

	static final String HUB = "bench";

	/** Callers of the largest run, which the ceiling's connection pool and dispatcher are sized for. */
	private static final int MAX_CALLERS = 16;

	private static final MediaType JSON = MediaType.get("application/json");

	private final WebPubSubServiceClient starter;

	private final WebPubSubMessage message;

	private final OkHttpClient okHttp;

	private final Request prebuiltRequest;

	private ClientLoadDriver(int sinkPort, String accessKey, String messageJson) {
		String endpoint = "http://" + Loopback.HOST + ":" + sinkPort;
		this.starter = WebPubSubServiceClient.builder()
			.connectionString("Endpoint=" + endpoint + ";AccessKey=" + accessKey + ";Version=1.0;")
			.hub(HUB)
			.build();
		this.message = WebPubSubMessage.rawJson(messageJson);

		Dispatcher dispatcher = new Dispatcher();
		dispatcher.setMaxRequestsPerHost(MAX_CALLERS);
		this.okHttp = new OkHttpClient.Builder().connectionPool(new ConnectionPool(MAX_CALLERS, 5, TimeUnit.MINUTES))
			.dispatcher(dispatcher)
			.build();
		this.prebuiltRequest = sendToAllRequest(endpoint, accessKey, messageJson);
	}

	public static void main(String[] arguments) throws Exception {
		if (arguments.length != 3) {
			throw new IllegalArgumentException("Expected the arguments <sink port> <access key> <message JSON>");
		}
		QuietLogging.apply();
		ClientLoadDriver driver = new ClientLoadDriver(Integer.parseInt(arguments[0]), arguments[1], arguments[2]);
		DriverLoop.serve(Map.of("pid", ProcessHandle.current().pid()), driver::handle);
	}

	private Map<String, ?> handle(String[] words) throws Exception {
		if (words.length != 4 || !words[0].equals("run")) {
			throw new IllegalArgumentException("Invalid command '" + String.join(" ", words)
					+ "': use 'run <starter|okhttp> <callers> <seconds>'");
		}
		ClosedLoopLoad.BlockingCall call = switch (words[1]) {
			case "starter" -> () -> this.starter.sendToAll(this.message);
			case "okhttp" -> this::sendPrebuilt;
			default -> throw new IllegalArgumentException(
					"Invalid contender '" + words[1] + "': use 'starter' or 'okhttp'");
		};
		Duration duration = Duration.ofMillis(Math.round(Double.parseDouble(words[3]) * 1000));
		return ClosedLoopLoad.run(call, Integer.parseInt(words[2]), duration);
	}

	private void sendPrebuilt() throws Exception {
		try (Response response = this.okHttp.newCall(this.prebuiltRequest).execute()) {
			if (!response.isSuccessful()) {
				throw new IllegalStateException("The sink responded with status " + response.code() + " instead of 202");
			}
		}
	}

	/**
	 * Builds the request that the starter's client sends for {@code sendToAll}: the same URL, a bearer token with the
	 * same claims ({@code aud} is the URL, {@code exp} one hour ahead) and the same body and content type.
	 */
	private static Request sendToAllRequest(String endpoint, String accessKey, String messageJson) {
		HttpUrl url = HttpUrl.get(endpoint)
			.newBuilder()
			.addPathSegments("api/hubs")
			.addPathSegment(HUB)
			.addPathSegment(":send")
			.addQueryParameter("api-version", WebPubSubServiceClient.API_VERSION)
			.build();
		String token = signedToken(accessKey, url.toString(), Instant.now().plus(Duration.ofHours(1)));
		return new Request.Builder().url(url)
			.header("Authorization", "Bearer " + token)
			.post(RequestBody.create(messageJson.getBytes(StandardCharsets.UTF_8), JSON))
			.build();
	}

	/** Signs an HS256 JSON Web Token keyed with the UTF-8 bytes of the access key, as the service expects. */
	private static String signedToken(String accessKey, String audience, Instant expiresAt) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String claims = "{\"aud\":\"" + audience + "\",\"exp\":" + expiresAt.getEpochSecond() + "}";
		String signingInput = header + "." + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(accessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + base64.encodeToString(signature);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", ex);
		}
	}
}
