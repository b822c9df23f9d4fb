package io.webpubsub.emulator.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.webpubsub.emulator.client.ClientEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each HTTP request: {@code /api/...} to the REST API, {@code /client...} to the client endpoint, anything
 * else gets 404.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

	private static final Logger logger = LoggerFactory.getLogger(HttpRouter.class);

	private final RestApi restApi;

	private final ClientEndpoint clientEndpoint;

	HttpRouter(RestApi restApi, ClientEndpoint clientEndpoint) {
		this.restApi = restApi;
		this.clientEndpoint = clientEndpoint;
	}

	@Override
	protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
		if (request.uri().equals("/client") || request.uri().startsWith("/client/") || request.uri().startsWith("/client?")) {
			this.clientEndpoint.handle(context, request);
			return;
		}
		RestResponse response;
		try {
			response = route(request);
		}
		catch (IllegalArgumentException ex) {
			response = RestResponse.json(400, "{\"code\":\"Error.BadRequest\",\"message\":\"Invalid request URL\","
					+ "\"target\":\"url\"}");
		}
		write(context, request, response);
	}

	private RestResponse route(FullHttpRequest request) {
		URI uri = URI.create(request.uri());
		String rawPath = (uri.getRawPath() != null) ? uri.getRawPath() : "/";
		if (!rawPath.startsWith("/api/")) {
			return RestResponse.json(404, "{\"code\":\"Error.NotFound\",\"message\":\"Nothing is served at "
					+ rawPath.replace("\"", "") + "\",\"target\":\"path\"}");
		}
		List<String> segments = new ArrayList<>();
		for (String segment : rawPath.substring(1).split("/", -1)) {
			segments.add(UrlEncoding.decodePathSegment(segment));
		}
		Map<String, List<String>> query = new LinkedHashMap<>(new QueryStringDecoder(request.uri()).parameters());
		String host = request.headers().get(HttpHeaderNames.HOST, "localhost");
		byte[] body = ByteBufUtil.getBytes(request.content());
		RestRequest restRequest = new RestRequest(request.method().name(), "http://" + host + request.uri(), segments,
				query, request.headers().get(HttpHeaderNames.AUTHORIZATION),
				request.headers().get(HttpHeaderNames.CONTENT_TYPE), body);
		return this.restApi.handle(restRequest);
	}

	private static void write(ChannelHandlerContext context, FullHttpRequest request, RestResponse response) {
		boolean head = request.method().name().equals("HEAD");
		FullHttpResponse httpResponse = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.valueOf(response.status()),
				head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
		response.headers().forEach((name, value) -> httpResponse.headers().set(name, value));
		if (response.contentType() != null && response.body().length > 0) {
			httpResponse.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
		}
		HttpUtil.setContentLength(httpResponse, head ? 0 : response.body().length);
		boolean keepAlive = HttpUtil.isKeepAlive(request);
		HttpUtil.setKeepAlive(httpResponse, keepAlive);
		var written = context.writeAndFlush(httpResponse);
		if (!keepAlive) {
			written.addListener(ChannelFutureListener.CLOSE);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		logger.debug("Closing an HTTP connection after a failure: {}", cause.toString());
		context.close();
	}

}
