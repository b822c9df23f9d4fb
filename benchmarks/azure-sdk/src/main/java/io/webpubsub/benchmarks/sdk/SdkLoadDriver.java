package io.webpubsub.benchmarks.sdk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.azure.core.http.rest.RequestOptions;
import com.azure.core.util.BinaryData;
import com.azure.messaging.webpubsub.WebPubSubServiceClient;
import com.azure.messaging.webpubsub.WebPubSubServiceClientBuilder;
import com.azure.messaging.webpubsub.models.WebPubSubContentType;

import io.webpubsub.benchmarks.driver.ClosedLoopLoad;
import io.webpubsub.benchmarks.driver.DriverLoop;

/**
 * The load driver of {@code azure-messaging-webpubsub} with its default HTTP client (azure-core-http-netty), sending
 * a JSON message to all connections of the hub on a loopback HTTP sink.
 *
 * <p>Arguments: the sink's port, the access key and the message JSON. Command: {@code run azure-sdk <callers>
 * <seconds>}; it returns the figures of {@link ClosedLoopLoad}. The client keeps the SDK's defaults: its retry
 * policy, and HTTP logging off unless the {@code AZURE_HTTP_LOG_DETAIL_LEVEL} environment variable is set.
 */
public final class SdkLoadDriver {

	static final String HUB = "bench";

	private final WebPubSubServiceClient client;

	private final BinaryData message;

	private SdkLoadDriver(int sinkPort, String accessKey, String messageJson) {
		this.client = new WebPubSubServiceClientBuilder()
			.connectionString("Endpoint=http://127.0.0.1:" + sinkPort + ";AccessKey=" + accessKey + ";Version=1.0;")
			.hub(HUB)
			.buildClient();
		this.message = BinaryData.fromBytes(messageJson.getBytes(StandardCharsets.UTF_8));
	}

	public static void main(String[] arguments) throws Exception {
		if (arguments.length != 3) {
			throw new IllegalArgumentException("Expected the arguments <sink port> <access key> <message JSON>");
		}
		SdkLoadDriver driver = new SdkLoadDriver(Integer.parseInt(arguments[0]), arguments[1], arguments[2]);
		DriverLoop.serve(Map.of("pid", ProcessHandle.current().pid()), driver::handle);
	}

	private Map<String, ?> handle(String[] words) throws Exception {
		if (words.length != 4 || !words[0].equals("run") || !words[1].equals("azure-sdk")) {
			throw new IllegalArgumentException(
					"Invalid command '" + String.join(" ", words) + "': use 'run azure-sdk <callers> <seconds>'");
		}
		Duration duration = Duration.ofMillis(Math.round(Double.parseDouble(words[3]) * 1000));
		return ClosedLoopLoad.run(this::send, Integer.parseInt(words[2]), duration);
	}

	/**
	 * Sends the message with the SDK's overload for binary content and a content type. Its {@code sendToAll(String,
	 * WebPubSubContentType)} wraps the text in {@code BinaryData} on every call, which this driver does once.
	 */
	private void send() {
		int status = this.client
			.sendToAllWithResponse(this.message, WebPubSubContentType.APPLICATION_JSON, this.message.getLength(),
					new RequestOptions())
			.getStatusCode();
		if (status != 202) {
			throw new IllegalStateException("The sink responded with status " + status + " instead of 202");
		}
	}
}
