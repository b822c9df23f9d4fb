package io.webpubsub.spring.autoconfigure;

import io.webpubsub.spring.client.WebPubSubConnectionString;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Endpoint and access key of the Web PubSub service the application talks to. By default they come from the
 * {@code webpubsub.*} properties. A bean of this type, such as one for a local emulator, takes their place.
 */
public interface WebPubSubConnectionDetails extends ConnectionDetails {

	/** Returns the endpoint and access key of the service. */
	WebPubSubConnectionString getConnectionString();

}
