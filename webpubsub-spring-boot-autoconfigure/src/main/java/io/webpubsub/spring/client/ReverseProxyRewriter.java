package io.webpubsub.spring.client;

import java.io.IOException;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends each request to a reverse proxy, such as an API gateway, in front of the service: the scheme, host and port
 * become the proxy's while the path and query stay. It runs after authentication, so tokens keep the service URL as
 * their audience.
 */
final class ReverseProxyRewriter implements Interceptor {

	private final HttpUrl proxy;

	ReverseProxyRewriter(HttpUrl proxy) {
		this.proxy = proxy;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		HttpUrl rewritten = request.url()
			.newBuilder()
			.scheme(this.proxy.scheme())
			.host(this.proxy.host())
			.port(this.proxy.port())
			.build();
		return chain.proceed(request.newBuilder().url(rewritten).build());
	}

}
