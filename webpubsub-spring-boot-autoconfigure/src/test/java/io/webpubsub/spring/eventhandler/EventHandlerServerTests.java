package io.webpubsub.spring.eventhandler;

import java.io.IOException;
import java.util.Base64;

import io.webpubsub.spring.eventhandler.testapp.EventHandlerTestApplication;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event handler in a real embedded server, over real sockets, with the exchange the service performs.
 */
@SpringBootTest(classes = EventHandlerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1",
				"webpubsub.connection-string=Endpoint=http://localhost:8080;AccessKey="
						+ EventHandlerTestApplication.ACCESS_KEY + ";Version=1.0;",
				"webpubsub.hub=chat", "webpubsub.event-handler.dump-requests=true" })
@ExtendWith(OutputCaptureExtension.class)
class EventHandlerServerTests {

	/** {@code ce-signature} of connection {@code conn-1} with the development key, computed with openssl. */
	private static final String CONN_1_SIGNATURE = "sha256=261f7f58ff9fb9bb8be7e4951a807fe6091e5c074885bf63b865eccd28728881";

	private final OkHttpClient http = new OkHttpClient();

	@LocalServerPort
	int port;

	@AfterEach
	void closeClient() {
		this.http.dispatcher().executorService().shutdown();
		this.http.connectionPool().evictAll();
	}

	@Test
	void handshakeAllowsServiceHost() throws IOException {
		Request request = new Request.Builder().url(url("/eventhandler/validate"))
			.method("OPTIONS", null)
			.header("WebHook-Request-Origin", "localhost")
			.header("ce-awpsversion", "1.0")
			.build();

		try (Response response = this.http.newCall(request).execute()) {
			assertThat(response.code()).isEqualTo(200);
			assertThat(response.header("WebHook-Allowed-Origin")).isEqualTo("localhost");
		}
	}

	@Test
	void connectRoundTrip(CapturedOutput output) throws IOException {
		String body = "{\"claims\":{\"sub\":[\"alice\"],\"role\":[\"webpubsub.sendToGroup.lobby\"]},"
				+ "\"query\":{\"access_token\":[\"secret.jwt.value\"]},\"headers\":{\"Host\":[\"localhost:8080\"]},"
				+ "\"subprotocols\":[\"json.webpubsub.azure.v1\"],\"clientCertificates\":[]}";

		try (Response response = this.http.newCall(event("azure.webpubsub.sys.connect", "connect",
				RequestBody.create(body, MediaType.get("application/json; charset=utf-8")), CONN_1_SIGNATURE))
			.execute()) {
			assertThat(response.code()).isEqualTo(200);
			assertThat(response.header("ce-connectionState")).isEqualTo("eyJrZXkiOiJhIn0=");
			assertThat(response.header("Content-Type")).startsWith("application/json");
			assertThat(response.body().string()).isEqualTo("{\"userId\":\"alice\",\"groups\":[\"lobby\"],"
					+ "\"roles\":[\"webpubsub.joinLeaveGroup.lobby\"],\"subprotocol\":\"json.webpubsub.azure.v1\"}");
		}
		assertThat(output).contains("Web PubSub event request: POST")
			.contains("ce-signature: ******")
			.contains("\"access_token\":\"******\"")
			.doesNotContain("261f7f58")
			.doesNotContain("secret.jwt.value");
	}

	@Test
	void userEventRepliesWithState() throws IOException {
		Request request = event("azure.webpubsub.user.message", "message",
				RequestBody.create("hello", MediaType.get("text/plain")), CONN_1_SIGNATURE)
			.newBuilder()
			.header("ce-connectionState", Base64.getEncoder().encodeToString("{\"count\":41}".getBytes()))
			.build();

		try (Response response = this.http.newCall(request).execute()) {
			assertThat(response.code()).isEqualTo(200);
			assertThat(response.body().string()).isEqualTo("echo: hello");
			assertThat(new String(Base64.getDecoder().decode(response.header("ce-connectionState"))))
				.isEqualTo("{\"count\":42}");
		}
	}

	@Test
	void wrongSignatureIsUnauthorized() throws IOException {
		try (Response response = this.http.newCall(event("azure.webpubsub.user.message", "message",
				RequestBody.create("hello", MediaType.get("text/plain")), "sha256=" + "0".repeat(64)))
			.execute()) {
			assertThat(response.code()).isEqualTo(401);
			assertThat(response.body().string()).isEqualTo("Missing or invalid header 'ce-signature'");
		}
	}

	private Request event(String ceType, String eventName, RequestBody body, String signature) {
		return new Request.Builder().url(url("/eventhandler/" + eventName))
			.post(body)
			.header("ce-specversion", "1.0")
			.header("ce-awpsversion", "1.0")
			.header("ce-type", ceType)
			.header("ce-source", "/hubs/chat/client/conn-1")
			.header("ce-id", "0")
			.header("ce-hub", "chat")
			.header("ce-connectionId", "conn-1")
			.header("ce-eventName", eventName)
			.header("ce-userId", "alice")
			.header("ce-signature", signature)
			.header("WebHook-Request-Origin", "localhost")
			.build();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
