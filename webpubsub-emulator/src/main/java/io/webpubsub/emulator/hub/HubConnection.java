package io.webpubsub.emulator.hub;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.webpubsub.emulator.filter.FilterTarget;
import org.jspecify.annotations.Nullable;

/**
 * A client connected to a hub, whatever protocol it speaks: its identity, its groups, and its permissions from
 * roles and REST grants. Subclasses deliver messages over their transport. Instances are thread-safe, because the
 * REST API and other clients send to a connection from any thread.
 */
public abstract class HubConnection implements FilterTarget {

	private final String hub;

	private final String connectionId;

	private final @Nullable String userId;

	private final @Nullable String protocol;

	private final Set<String> groups = ConcurrentHashMap.newKeySet();

	private final Set<String> roles = ConcurrentHashMap.newKeySet();

	private final Set<String> grants = ConcurrentHashMap.newKeySet();

	private final Set<String> revocations = ConcurrentHashMap.newKeySet();

	protected HubConnection(String hub, String connectionId, @Nullable String userId, @Nullable String protocol,
			Collection<String> roles) {
		this.hub = hub;
		this.connectionId = connectionId;
		this.userId = userId;
		this.protocol = protocol;
		this.roles.addAll(roles);
	}

	/** Returns the hub the connection belongs to. */
	public String hub() {
		return this.hub;
	}

	@Override
	public String connectionId() {
		return this.connectionId;
	}

	@Override
	public @Nullable String userId() {
		return this.userId;
	}

	/** Returns the negotiated subprotocol, or {@code null} for a plain WebSocket client. */
	@Override
	public @Nullable String protocol() {
		return this.protocol;
	}

	/** Returns a read-only view of the groups the connection is in. */
	@Override
	public Set<String> groups() {
		return Collections.unmodifiableSet(this.groups);
	}

	boolean addGroup(String group) {
		return this.groups.add(group);
	}

	boolean removeGroup(String group) {
		return this.groups.remove(group);
	}

	/**
	 * Returns whether the connection may use the permission for the group: a revocation for that group wins, then a
	 * grant for it or for every group, then a role for every group or for exactly that group.
	 */
	public boolean hasPermission(Permission permission, String group) {
		if (this.revocations.contains(key(permission, group))) {
			return false;
		}
		return this.grants.contains(key(permission, group)) || this.grants.contains(key(permission, null))
				|| this.roles.contains(permission.role()) || this.roles.contains(permission.role() + "." + group);
	}

	/** Returns whether the connection has the permission for the group, or for every group when it is null. */
	public boolean checkPermission(Permission permission, @Nullable String group) {
		return (group != null) ? hasPermission(permission, group)
				: this.grants.contains(key(permission, null)) || this.roles.contains(permission.role());
	}

	/** Grants the permission for one group, or for every group when it is null. */
	public void grant(Permission permission, @Nullable String group) {
		this.revocations.remove(key(permission, group));
		this.grants.add(key(permission, group));
	}

	/** Revokes the permission for one group, overriding roles, or every grant and role when the group is null. */
	public void revoke(Permission permission, @Nullable String group) {
		if (group == null) {
			this.grants.removeIf((grant) -> grant.startsWith(permission.wireName() + "/"));
			this.roles.removeIf((role) -> role.equals(permission.role()) || role.startsWith(permission.role() + "."));
			return;
		}
		this.grants.remove(key(permission, group));
		this.revocations.add(key(permission, group));
	}

	/** Delivers a message to the client. */
	public abstract void send(Message message);

	/**
	 * Closes the connection. A subprotocol client first receives a {@code disconnected} message with the reason.
	 */
	public abstract void close(String reason);

	private static String key(Permission permission, @Nullable String group) {
		return permission.wireName() + "/" + ((group != null) ? "=" + group : "*");
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[hub=" + this.hub + ", connectionId=" + this.connectionId + ", userId="
				+ this.userId + "]";
	}

}
