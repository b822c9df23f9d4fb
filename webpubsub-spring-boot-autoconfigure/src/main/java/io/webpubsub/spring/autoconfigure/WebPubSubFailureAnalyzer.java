package io.webpubsub.spring.autoconfigure;

import io.webpubsub.spring.client.WebPubSubServiceClient;
import io.webpubsub.spring.eventhandler.support.ListenerDefinitionException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Reports a missing or invalid {@code webpubsub.*} setting, a listener method that cannot be registered, and an
 * injection point of {@link WebPubSubServiceClient} that no bean satisfies because no connection is configured. Each
 * report names the property or method to fix. It runs before Spring Boot's generic analyzers, so the message names
 * the property rather than the bean type.
 */
class WebPubSubFailureAnalyzer implements FailureAnalyzer, Ordered {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ListenerDefinitionException listenerFailure) {
				return new FailureAnalysis(listenerFailure.getMessage(), listenerFailure.getAction(), listenerFailure);
			}
			if (cause instanceof WebPubSubConfigurationException configurationFailure) {
				return new FailureAnalysis(configurationFailure.getMessage(), configurationFailure.getAction(),
						configurationFailure);
			}
			if (cause instanceof NoSuchBeanDefinitionException missingBean && isMissingClient(missingBean)) {
				return new FailureAnalysis(
						"A WebPubSubServiceClient is required, but none was configured because no Web PubSub "
								+ "connection is set.",
						"Set 'webpubsub.connection-string' (or 'webpubsub.endpoint' and 'webpubsub.key') and "
								+ "'webpubsub.hub', or define a WebPubSubServiceClient bean.",
						missingBean);
			}
		}
		return null;
	}

	private static boolean isMissingClient(NoSuchBeanDefinitionException missingBean) {
		Class<?> type = missingBean.getBeanType();
		return type != null && WebPubSubServiceClient.class.isAssignableFrom(type);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
