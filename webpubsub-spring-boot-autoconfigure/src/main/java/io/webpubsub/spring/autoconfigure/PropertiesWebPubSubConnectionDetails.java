package io.webpubsub.spring.autoconfigure;

import io.webpubsub.spring.client.WebPubSubConnectionString;

/**
 * Connection details read from {@code webpubsub.connection-string}, or from {@code webpubsub.endpoint} and
 * {@code webpubsub.key}. They are validated when created, so a bad value fails startup with the property's name.
 */
final class PropertiesWebPubSubConnectionDetails implements WebPubSubConnectionDetails {

	private static final String CONNECTION_STRING = "webpubsub.connection-string";

	private static final String ENDPOINT = "webpubsub.endpoint";

	private static final String KEY = "webpubsub.key";

	private final WebPubSubConnectionString connectionString;

	PropertiesWebPubSubConnectionDetails(WebPubSubProperties properties) {
		this.connectionString = resolve(properties);
	}

	@Override
	public WebPubSubConnectionString getConnectionString() {
		return this.connectionString;
	}

	private static WebPubSubConnectionString resolve(WebPubSubProperties properties) {
		String connectionString = properties.getConnectionString();
		String endpoint = properties.getEndpoint();
		String key = properties.getKey();
		if (hasText(connectionString)) {
			if (hasText(endpoint) || hasText(key)) {
				throw new WebPubSubConfigurationException(CONNECTION_STRING,
						"is set together with '" + ENDPOINT + "' or '" + KEY + "'",
						"Set either '" + CONNECTION_STRING + "', or '" + ENDPOINT + "' and '" + KEY + "', not both.");
			}
			try {
				return WebPubSubConnectionString.parse(connectionString);
			}
			catch (IllegalArgumentException ex) {
				throw new WebPubSubConfigurationException(CONNECTION_STRING, "is invalid: " + ex.getMessage(),
						"Set '" + CONNECTION_STRING + "' to the connection string shown on the Keys page of the "
								+ "Web PubSub resource, such as 'Endpoint=https://<resource>.webpubsub.azure.com;"
								+ "AccessKey=<key>;Version=1.0;'.");
			}
		}
		if (!hasText(endpoint)) {
			throw new WebPubSubConfigurationException(ENDPOINT, "is missing while '" + KEY + "' is set",
					"Set '" + ENDPOINT + "' to the URL of the Web PubSub resource, or use '" + CONNECTION_STRING
							+ "' instead of both.");
		}
		if (!hasText(key)) {
			throw new WebPubSubConfigurationException(KEY, "is missing while '" + ENDPOINT + "' is set",
					"Set '" + KEY + "' to an access key from the Keys page of the Web PubSub resource.");
		}
		try {
			return new WebPubSubConnectionString(endpoint, key);
		}
		catch (IllegalArgumentException ex) {
			throw new WebPubSubConfigurationException(ENDPOINT, "is invalid: " + ex.getMessage(),
					"Set '" + ENDPOINT + "' to an absolute URL such as 'https://<resource>.webpubsub.azure.com'.");
		}
	}

	private static boolean hasText(@org.jspecify.annotations.Nullable String value) {
		return value != null && !value.isBlank();
	}

	@Override
	public String toString() {
		return "PropertiesWebPubSubConnectionDetails[endpoint=" + this.connectionString.endpoint() + "]";
	}

}
