package io.webpubsub.spring.autoconfigure;

/**
 * Missing or invalid {@code webpubsub.*} setting, found at startup. {@link WebPubSubFailureAnalyzer} turns it into a
 * report that names the property and the fix. Messages never contain an access key.
 */
public class WebPubSubConfigurationException extends RuntimeException {

	private final String property;

	private final String action;

	/**
	 * Creates an exception for one property.
	 * @param property the property to set or fix, such as {@code webpubsub.hub}
	 * @param problem what is wrong with its value
	 * @param action what to do about it
	 */
	public WebPubSubConfigurationException(String property, String problem, String action) {
		super("Invalid Web PubSub configuration: '" + property + "' " + problem);
		this.property = property;
		this.action = action;
	}

	/** Returns the property to set or fix. */
	public String getProperty() {
		return this.property;
	}

	/** Returns what to do to fix the configuration. */
	public String getAction() {
		return this.action;
	}

}
