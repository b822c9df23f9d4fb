package io.webpubsub.spring.autoconfigure;

import okhttp3.OkHttpClient;

/**
 * Callback that changes the OkHttp builder of the auto-configured {@code WebPubSubServiceClient}, such as to add an
 * event listener, a proxy or TLS settings. It runs after the {@code webpubsub.client.*} settings are applied and
 * before the client adds its retry and signing interceptors. Customizers run in {@code @Order} order, once, when the
 * client sends its first request: the client builds its OkHttp client then, to keep OkHttp out of application
 * startup.
 */
@FunctionalInterface
public interface WebPubSubHttpClientCustomizer {

	/** Changes the builder. */
	void customize(OkHttpClient.Builder builder);

}
