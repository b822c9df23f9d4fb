package io.webpubsub.spring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Contents of a client access token: the user id, the roles, the groups joined at connect, the lifetime, and the
 * protocol the client speaks. Instances are immutable, and each method returns a copy.
 */
public final class ClientAccessTokenOptions {

	/** Default lifetime, as in every official SDK. */
	public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(60);

	/** Shortest lifetime the service accepts. */
	public static final Duration MIN_LIFETIME = Duration.ofMinutes(1);

	private static final ClientAccessTokenOptions DEFAULTS = new ClientAccessTokenOptions(null, List.of(), List.of(),
			DEFAULT_LIFETIME, WebPubSubClientProtocol.DEFAULT);

	private final @Nullable String userId;

	private final List<String> roles;

	private final List<String> groups;

	private final Duration lifetime;

	private final WebPubSubClientProtocol clientProtocol;

	private ClientAccessTokenOptions(@Nullable String userId, List<String> roles, List<String> groups,
			Duration lifetime, WebPubSubClientProtocol clientProtocol) {
		this.userId = userId;
		this.roles = roles;
		this.groups = groups;
		this.lifetime = lifetime;
		this.clientProtocol = clientProtocol;
	}

	/** Returns options for an anonymous default-protocol client with no roles, valid for 60 minutes. */
	public static ClientAccessTokenOptions defaults() {
		return DEFAULTS;
	}

	/** Returns a copy for the given user, which becomes the token's {@code sub} claim. */
	public ClientAccessTokenOptions userId(String userId) {
		return new ClientAccessTokenOptions(Arguments.requireNonBlank("userId", userId), this.roles, this.groups,
				this.lifetime, this.clientProtocol);
	}

	/** Returns a copy with the given roles, such as {@code webpubsub.joinLeaveGroup.lobby}, in place of any set before. */
	public ClientAccessTokenOptions roles(Collection<String> roles) {
		return new ClientAccessTokenOptions(this.userId, copyNonBlank("role", roles), this.groups, this.lifetime,
				this.clientProtocol);
	}

	/** Returns a copy with the given roles in place of any set before. */
	public ClientAccessTokenOptions roles(String... roles) {
		return roles(List.of(roles));
	}

	/** Returns a copy whose client joins the given groups at connect, in place of any set before. */
	public ClientAccessTokenOptions groups(Collection<String> groups) {
		Objects.requireNonNull(groups, "'groups' must not be null");
		List<String> copy = new ArrayList<>();
		for (String group : groups) {
			copy.add(Arguments.requireGroup(group));
		}
		return new ClientAccessTokenOptions(this.userId, this.roles, List.copyOf(copy), this.lifetime,
				this.clientProtocol);
	}

	/** Returns a copy whose client joins the given groups at connect, in place of any set before. */
	public ClientAccessTokenOptions groups(String... groups) {
		return groups(List.of(groups));
	}

	/**
	 * Returns a copy whose token the service accepts for the given time after it is minted.
	 * @throws IllegalArgumentException if the lifetime is under one minute
	 */
	public ClientAccessTokenOptions lifetime(Duration lifetime) {
		Objects.requireNonNull(lifetime, "'lifetime' must not be null");
		if (lifetime.compareTo(MIN_LIFETIME) < 0) {
			throw new IllegalArgumentException("'lifetime' value " + lifetime + " is under the minimum of one minute: "
					+ "use Duration.ofMinutes(1) or more");
		}
		return new ClientAccessTokenOptions(this.userId, this.roles, this.groups, lifetime, this.clientProtocol);
	}

	/** Returns a copy for a client speaking the given protocol, which decides the URL path. */
	public ClientAccessTokenOptions clientProtocol(WebPubSubClientProtocol clientProtocol) {
		return new ClientAccessTokenOptions(this.userId, this.roles, this.groups, this.lifetime,
				Objects.requireNonNull(clientProtocol, "'clientProtocol' must not be null"));
	}

	/** Returns the user id, or {@code null} for an anonymous client. */
	public @Nullable String getUserId() {
		return this.userId;
	}

	/** Returns the roles granted at connect. */
	public List<String> getRoles() {
		return this.roles;
	}

	/** Returns the groups joined at connect. */
	public List<String> getGroups() {
		return this.groups;
	}

	/** Returns how long the token is accepted. */
	public Duration getLifetime() {
		return this.lifetime;
	}

	/** Returns the protocol the client speaks. */
	public WebPubSubClientProtocol getClientProtocol() {
		return this.clientProtocol;
	}

	@Override
	public String toString() {
		return "ClientAccessTokenOptions[userId=" + this.userId + ", roles=" + this.roles + ", groups=" + this.groups
				+ ", lifetime=" + this.lifetime + ", clientProtocol=" + this.clientProtocol + "]";
	}

	private static List<String> copyNonBlank(String name, Collection<String> values) {
		Objects.requireNonNull(values, () -> "'" + name + "s' must not be null");
		List<String> copy = new ArrayList<>();
		for (String value : values) {
			copy.add(Arguments.requireNonBlank(name, value));
		}
		return List.copyOf(copy);
	}

}
