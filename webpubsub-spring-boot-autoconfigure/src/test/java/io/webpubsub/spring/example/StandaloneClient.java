package io.webpubsub.spring.example;

import io.webpubsub.spring.client.WebPubSubServiceClient;

final class StandaloneClient {

	private StandaloneClient() {
	}

	static WebPubSubServiceClient create(String connectionString) {
		// tag::standalone[]
		WebPubSubServiceClient client = WebPubSubServiceClient.builder()
			.connectionString(connectionString)
			.hub("chat")
			.build();
		// end::standalone[]
		return client;
	}

}
