package io.webpubsub.emulator.filter;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** Connection for filter tests, with named fixtures that the test tables refer to. */
record TestConnection(@Nullable String userId, String connectionId, Set<String> groups, @Nullable String protocol)
		implements FilterTarget {

	static final Map<String, TestConnection> FIXTURES = Map.of(
			"alice", new TestConnection("alice", "conn-1", Set.of("g1", "g2"), "json.webpubsub.azure.v1"),
			"bob", new TestConnection("AdminBob", "conn-2", Set.of("g1"), null),
			"anonymous", new TestConnection(null, "abc123", Set.of(), null),
			"obrien", new TestConnection("O'Brien", "123", Set.of("g2"), "custom.v1"),
			"u1", new TestConnection("u1", "456", Set.of("g1", "g3"), null),
			"user1", new TestConnection("user1", "789", Set.of(), null));

	/** Returns the fixture with the name, failing the test if there is none. */
	static TestConnection named(String name) {
		TestConnection connection = FIXTURES.get(name);
		if (connection == null) {
			throw new IllegalArgumentException("No test connection named '" + name + "'; known: " + FIXTURES.keySet());
		}
		return connection;
	}

}
