package io.webpubsub.compat;

import java.util.List;

import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.rest.RequestOptions;
import com.azure.core.util.BinaryData;
import com.azure.messaging.webpubsub.WebPubSubAuthenticationPolicy;
import com.azure.messaging.webpubsub.WebPubSubServiceVersion;
import com.azure.messaging.webpubsub.implementation.WebPubSubServiceClientImpl;
import com.azure.messaging.webpubsub.implementation.models.AddToGroupsRequest;
import io.webpubsub.compat.ParityServer.Exchange;
import io.webpubsub.spring.client.WebPubSubServiceClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.webpubsub.compat.RequestParity.assertSameRequest;

/**
 * Compares operations that azure-messaging-webpubsub 1.4.0 defines in its generated REST layer but leaves out of
 * its public client: removing filtered connections from groups, and the service health check. The SDK's module
 * does not export that package, so these tests reach it on the class path with the SDK's own access-key
 * authentication policy in front of the JDK HTTP client.
 */
class GeneratedOperationParityTests {

	private static final String FILTER = "userId eq 'alice' and 'lobby' in groups";

	private ParityServer server;

	private WebPubSubServiceClient ours;

	private WebPubSubServiceClientImpl generated;

	@BeforeEach
	void startServer() throws Exception {
		this.server = ParityServer.startHttp();
		this.ours = this.server.ourClient(ParityServer.HUB);
		this.generated = new WebPubSubServiceClientImpl(new HttpPipelineBuilder()
			.policies(new WebPubSubAuthenticationPolicy(new AzureKeyCredential(ParityServer.ACCESS_KEY)))
			.httpClient(this.server.officialHttpClient())
			.build(), this.server.origin(), WebPubSubServiceVersion.getLatest());
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void removeConnectionsFromGroupsMatchesOfficialClient() {
		List<String> groups = List.of("g1", "g2");
		Exchange ourExchange = this.server.exchange(200, () -> {
			this.ours.removeConnectionsFromGroups(groups, FILTER);
			return null;
		});
		// The SDK's public addConnectionsToGroups serialises this model. The remove operation takes a body of the
		// same schema, so the same model builds it here.
		BinaryData body = BinaryData.fromObject(new AddToGroupsRequest().setGroups(groups).setFilter(FILTER));
		Exchange officialExchange = this.server.exchange(200, () -> this.generated.getWebPubSubs()
			.removeConnectionsFromGroupsWithResponse(ParityServer.HUB, body, new RequestOptions()));

		assertSameRequest(ourExchange.request(), officialExchange.request());
	}

	@Test
	void checkServiceHealthMatchesOfficialClient() {
		Exchange ourExchange = this.server.exchange(200, () -> {
			this.ours.checkServiceHealth();
			return null;
		});
		Exchange officialExchange = this.server.exchange(200,
				() -> this.generated.getHealthApis().getServiceStatusWithResponse(new RequestOptions()));

		assertSameRequest(ourExchange.request(), officialExchange.request());
	}

}
