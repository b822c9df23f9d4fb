package io.webpubsub.compat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.messaging.webpubsub.WebPubSubServiceClientBuilder;
import io.webpubsub.spring.client.RetryOptions;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import reactor.core.publisher.Mono;

/**
 * A MockWebServer on 127.0.0.1 with a random port, and the two clients under comparison pointed at it: ours and the
 * official {@code com.azure:azure-messaging-webpubsub} client. Neither client retries, so each call sends exactly
 * one request.
 */
final class ParityServer implements AutoCloseable {

	/** 48 bytes: the SDK signs with nimbus-jose-jwt, which rejects HS256 keys shorter than 256 bits. */
	static final String ACCESS_KEY = "Y29tcGF0LXRlc3Qta2V5LW9mLWF0LWxlYXN0LTMyLWJ5dGVz";

	static final String HUB = "chat";

	/** Token that the Microsoft Entra credential of the official client returns. Only the HTTPS tests use it. */
	static final String ENTRA_TOKEN = "entra-access-token";

	private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(5);

	private final MockWebServer server;

	private final String origin;

	private final HandshakeCertificates clientCertificates;

	private final List<WebPubSubServiceClient> ourClients = new ArrayList<>();

	private ParityServer(MockWebServer server, String scheme, HandshakeCertificates clientCertificates) {
		this.server = server;
		this.origin = scheme + "://127.0.0.1:" + server.getPort();
		this.clientCertificates = clientCertificates;
	}

	/** Starts a plain HTTP server. */
	static ParityServer startHttp() throws IOException {
		MockWebServer server = new MockWebServer();
		server.start(InetAddress.getByName("127.0.0.1"), 0);
		return new ParityServer(server, "http", null);
	}

	/**
	 * Starts an HTTPS server with a self-signed certificate for 127.0.0.1 that both clients trust. The official client
	 * sends a Microsoft Entra token only over HTTPS.
	 */
	static ParityServer startHttps() throws IOException {
		HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
		HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder().heldCertificate(certificate)
			.build();
		HandshakeCertificates clientCertificates = new HandshakeCertificates.Builder()
			.addTrustedCertificate(certificate.certificate())
			.build();
		MockWebServer server = new MockWebServer();
		server.useHttps(serverCertificates.sslSocketFactory());
		server.start(InetAddress.getByName("127.0.0.1"), 0);
		return new ParityServer(server, "https", clientCertificates);
	}

	/** Returns scheme, host and port, such as {@code http://127.0.0.1:41234}. */
	String origin() {
		return this.origin;
	}

	int requestCount() {
		return this.server.getRequestCount();
	}

	String connectionString() {
		String scheme = this.origin.substring(0, this.origin.indexOf(':'));
		return "Endpoint=" + scheme + "://127.0.0.1;Port=" + this.server.getPort() + ";AccessKey=" + ACCESS_KEY
				+ ";Version=1.0;";
	}

	/** Builds our client for the hub, closed with this server. */
	WebPubSubServiceClient ourClient(String hub) {
		WebPubSubServiceClient client = WebPubSubServiceClient.builder()
			.connectionString(connectionString())
			.hub(hub)
			.retryOptions(RetryOptions.none())
			.httpClientCustomizer((http) -> {
				if (this.clientCertificates != null) {
					http.sslSocketFactory(this.clientCertificates.sslSocketFactory(),
							this.clientCertificates.trustManager());
				}
			})
			.build();
		this.ourClients.add(client);
		return client;
	}

	/** Builds the official client for the hub, authenticated with the access key of the connection string. */
	com.azure.messaging.webpubsub.WebPubSubServiceClient officialClient(String hub) {
		return officialBuilder(hub).connectionString(connectionString()).buildClient();
	}

	/**
	 * Builds the official client for the hub, authenticated with a Microsoft Entra credential that always returns
	 * {@link #ENTRA_TOKEN}. Only this client requests client access tokens from the service.
	 */
	com.azure.messaging.webpubsub.WebPubSubServiceClient officialClientWithEntraCredential(String hub) {
		TokenCredential credential = (request) -> Mono
			.just(new AccessToken(ENTRA_TOKEN, OffsetDateTime.now().plusHours(1)));
		return officialBuilder(hub).endpoint(this.origin).credential(credential).buildClient();
	}

	/** Returns the JDK-based HTTP client of the official client, which replaces the excluded Netty one. */
	HttpClient officialHttpClient() {
		java.net.http.HttpClient.Builder jdkBuilder = java.net.http.HttpClient.newBuilder();
		if (this.clientCertificates != null) {
			jdkBuilder.sslContext(this.clientCertificates.sslContext());
		}
		return new JdkHttpClientBuilder(jdkBuilder).build();
	}

	/** Queues an empty response with the given status, runs the call and returns its result with its request. */
	Exchange exchange(int status, Supplier<Object> call) {
		return exchange(new MockResponse.Builder().code(status).build(), call);
	}

	/**
	 * Queues the response, runs the call and returns its result with the one request it sent.
	 * @throws AssertionError if the call sent no request or more than one
	 */
	Exchange exchange(MockResponse response, Supplier<Object> call) {
		int countBefore = this.server.getRequestCount();
		this.server.enqueue(response);
		Object result = call.get();
		RecordedRequest recorded = takeRequest();
		if (this.server.getRequestCount() != countBefore + 1) {
			throw new AssertionError("Expected one request but the call sent "
					+ (this.server.getRequestCount() - countBefore));
		}
		return new Exchange(result, CapturedRequest.of(recorded, this.origin));
	}

	@Override
	public void close() {
		this.ourClients.forEach(WebPubSubServiceClient::close);
		this.server.close();
	}

	private WebPubSubServiceClientBuilder officialBuilder(String hub) {
		return new WebPubSubServiceClientBuilder().hub(hub)
			.httpClient(officialHttpClient())
			.retryOptions(new com.azure.core.http.policy.RetryOptions(new FixedDelayOptions(0, Duration.ZERO)));
	}

	private RecordedRequest takeRequest() {
		try {
			RecordedRequest recorded = this.server.takeRequest(TAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (recorded == null) {
				throw new AssertionError("No request reached the server within " + TAKE_TIMEOUT);
			}
			return recorded;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for a request", ex);
		}
	}

	/**
	 * What one call returned and the request it sent.
	 *
	 * @param result the return value of the call, {@code null} for a void operation
	 * @param request the request the server received
	 */
	record Exchange(Object result, CapturedRequest request) {
	}

}
