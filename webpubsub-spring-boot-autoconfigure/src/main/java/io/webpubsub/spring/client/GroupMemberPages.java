package io.webpubsub.spring.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;

import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Lazily fetches the pages of a group's connections, one request per page, following {@code nextLink} until the
 * service returns none.
 */
final class GroupMemberPages extends Spliterators.AbstractSpliterator<GroupMember> {

	private static final String OPERATION = "listConnectionsInGroup";

	private final ServiceRequestExecutor executor;

	private final HttpUrl endpoint;

	private final Deque<GroupMember> pending = new ArrayDeque<>();

	private @Nullable HttpUrl nextPage;

	GroupMemberPages(ServiceRequestExecutor executor, HttpUrl endpoint, HttpUrl firstPage) {
		super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
		this.executor = executor;
		this.endpoint = endpoint;
		this.nextPage = firstPage;
	}

	@Override
	public boolean tryAdvance(Consumer<? super GroupMember> action) {
		while (this.pending.isEmpty() && this.nextPage != null) {
			fetch(this.nextPage);
		}
		GroupMember member = this.pending.poll();
		if (member == null) {
			return false;
		}
		action.accept(member);
		return true;
	}

	private void fetch(HttpUrl page) {
		JsonNode body = this.executor.executeForJson(OPERATION, new Request.Builder().url(page).get().build());
		for (JsonNode item : body.path("value")) {
			JsonNode userId = item.get("userId");
			this.pending.add(new GroupMember(item.path("connectionId").asString(),
					(userId != null && userId.isString()) ? userId.stringValue() : null));
		}
		JsonNode nextLink = body.get("nextLink");
		this.nextPage = (nextLink != null && nextLink.isString() && !nextLink.stringValue().isBlank())
				? resolveNextLink(page, nextLink.stringValue()) : null;
	}

	/**
	 * Resolves a next link against the current page and keeps it on the service endpoint, so the signed token never
	 * goes to another host.
	 */
	private HttpUrl resolveNextLink(HttpUrl page, String nextLink) {
		HttpUrl resolved = page.resolve(nextLink);
		if (resolved == null) {
			throw new WebPubSubException(OPERATION, 200, null,
					"the service returned a nextLink that is not a URL: " + nextLink);
		}
		return resolved.newBuilder()
			.scheme(this.endpoint.scheme())
			.host(this.endpoint.host())
			.port(this.endpoint.port())
			.build();
	}

}
