package io.webpubsub.spring.eventhandler;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A client asks to connect. The listener accepts by returning normally, optionally with a {@link ConnectResponse},
 * and rejects by throwing {@link WebPubSubEventException}.
 *
 * @param context the connection
 * @param claims the claims of the client's access token, each name with its values
 * @param query the query parameters of the client's request
 * @param headers the headers of the client's request
 * @param subprotocols the WebSocket subprotocols the client offers
 * @param clientCertificates the client's TLS certificates, when the service requested them
 */
public record ConnectEvent(ConnectionContext context, Map<String, List<String>> claims,
		Map<String, List<String>> query, Map<String, List<String>> headers, List<String> subprotocols,
		List<ClientCertificate> clientCertificates) {

	/** Returns the first value of a claim, such as {@code sub}, or {@code null} when the token has none. */
	public @Nullable String claim(String name) {
		List<String> values = this.claims.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * A client certificate.
	 *
	 * @param thumbprint the SHA-1 thumbprint
	 * @param content the certificate in PEM form, or {@code null} when the service sent only the thumbprint
	 */
	public record ClientCertificate(String thumbprint, @Nullable String content) {
	}

}
