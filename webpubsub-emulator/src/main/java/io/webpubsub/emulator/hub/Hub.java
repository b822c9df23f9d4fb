package io.webpubsub.emulator.hub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.webpubsub.emulator.filter.ConnectionFilter;
import org.jspecify.annotations.Nullable;

/**
 * One hub: its connections, the members of each group, and the groups each user belongs to. A user's groups apply
 * to connections the user opens later too, as the service applies them.
 */
public final class Hub {

	private final String name;

	private final Map<String, HubConnection> connections = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> groupMembers = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> userGroups = new ConcurrentHashMap<>();

	Hub(String name) {
		this.name = name;
	}

	/** Returns the hub name, lower-cased. */
	public String name() {
		return this.name;
	}

	/** Adds a connection and joins it to the given groups and to every group its user belongs to. */
	public void add(HubConnection connection, Collection<String> initialGroups) {
		this.connections.put(connection.connectionId(), connection);
		initialGroups.forEach((group) -> join(connection, group));
		if (connection.userId() != null) {
			this.userGroups.getOrDefault(connection.userId(), Set.of()).forEach((group) -> join(connection, group));
		}
	}

	/** Removes a connection from the hub and its groups; returns it, or {@code null} when it was not there. */
	public @Nullable HubConnection remove(String connectionId) {
		HubConnection connection = this.connections.remove(connectionId);
		if (connection != null) {
			List.copyOf(connection.groups()).forEach((group) -> leave(connection, group));
		}
		return connection;
	}

	public @Nullable HubConnection connection(String connectionId) {
		return this.connections.get(connectionId);
	}

	public Collection<HubConnection> connections() {
		return this.connections.values();
	}

	public List<HubConnection> connectionsOfUser(String userId) {
		return select((connection) -> userId.equals(connection.userId()));
	}

	/** Returns the connections in a group, ordered by connection id so pages are stable. */
	public List<HubConnection> groupMembers(String group) {
		List<HubConnection> members = new ArrayList<>();
		for (String connectionId : this.groupMembers.getOrDefault(group, Set.of())) {
			HubConnection connection = this.connections.get(connectionId);
			if (connection != null) {
				members.add(connection);
			}
		}
		members.sort(Comparator.comparing(HubConnection::connectionId));
		return members;
	}

	public boolean groupExists(String group) {
		return !this.groupMembers.getOrDefault(group, Set.of()).isEmpty();
	}

	public boolean userExists(String userId) {
		return this.connections.values().stream().anyMatch((connection) -> userId.equals(connection.userId()));
	}

	public void join(HubConnection connection, String group) {
		if (connection.addGroup(group)) {
			this.groupMembers.computeIfAbsent(group, (key) -> ConcurrentHashMap.newKeySet())
				.add(connection.connectionId());
		}
	}

	public void leave(HubConnection connection, String group) {
		if (connection.removeGroup(group)) {
			this.groupMembers.computeIfPresent(group, (key, members) -> {
				members.remove(connection.connectionId());
				return members.isEmpty() ? null : members;
			});
		}
	}

	/** Adds the user, with every present and future connection, to a group. */
	public void addUserToGroup(String userId, String group) {
		this.userGroups.computeIfAbsent(userId, (key) -> ConcurrentHashMap.newKeySet()).add(group);
		connectionsOfUser(userId).forEach((connection) -> join(connection, group));
	}

	public void removeUserFromGroup(String userId, String group) {
		this.userGroups.computeIfPresent(userId, (key, groups) -> {
			groups.remove(group);
			return groups.isEmpty() ? null : groups;
		});
		connectionsOfUser(userId).forEach((connection) -> leave(connection, group));
	}

	public void removeUserFromAllGroups(String userId) {
		this.userGroups.remove(userId);
		connectionsOfUser(userId).forEach(this::leaveAllGroups);
	}

	public void leaveAllGroups(HubConnection connection) {
		List.copyOf(connection.groups()).forEach((group) -> leave(connection, group));
	}

	/** Returns the connections that match the filter and are not excluded. */
	public List<HubConnection> select(ConnectionFilter filter, Collection<String> excluded) {
		return select((connection) -> !excluded.contains(connection.connectionId()) && filter.matches(connection));
	}

	private List<HubConnection> select(Predicate<HubConnection> predicate) {
		List<HubConnection> selected = new ArrayList<>();
		for (HubConnection connection : this.connections.values()) {
			if (predicate.test(connection)) {
				selected.add(connection);
			}
		}
		return selected;
	}

	@Override
	public String toString() {
		return "Hub[" + this.name + ", connections=" + this.connections.size() + "]";
	}

}
