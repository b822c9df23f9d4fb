package io.webpubsub.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * Paging of a listing of the connections in a group.
 *
 * @param maxPageSize connections per page, from 1 to 200
 * @param top the most connections to list in all, or {@code null} for every connection
 */
public record ListConnectionsOptions(int maxPageSize, @Nullable Integer top) {

	/** Pages of 200 connections, the service's maximum, and no bound on the total. */
	public static final ListConnectionsOptions DEFAULT = new ListConnectionsOptions(200, null);

	/**
	 * Creates paging options, validating each value.
	 * @throws IllegalArgumentException if {@code maxPageSize} is outside 1-200 or {@code top} is under 1
	 */
	public ListConnectionsOptions {
		if (maxPageSize < 1 || maxPageSize > 200) {
			throw new IllegalArgumentException(
					"'maxPageSize' value " + maxPageSize + " is outside 1-200: use a page size from 1 to 200");
		}
		if (top != null && top < 1) {
			throw new IllegalArgumentException("'top' value " + top + " is under 1: use null to list every connection");
		}
	}

}
