package io.webpubsub.spring.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * Signs compact JSON Web Tokens with HS256, keyed with the UTF-8 bytes of the access key as every Web PubSub SDK
 * does (the key is not base64-decoded).
 */
final class HmacJwtSigner {

	private static final String ALGORITHM = "HmacSHA256";

	private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder().withoutPadding();

	/** Claims are serialised with a private mapper, so an application's mapper settings cannot change a token. */
	private static final JsonMapper CLAIMS_MAPPER = JsonMapper.builder().build();

	private static final String ENCODED_HEADER = BASE64_URL
		.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

	private final Lazy<Mac> prototype;

	HmacJwtSigner(String accessKey) {
		SecretKeySpec key = new SecretKeySpec(accessKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
		this.prototype = new Lazy<>(() -> newKeyedMac(key));
	}

	private static Mac newKeyedMac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", ex);
		}
	}

	/** Serialises the claims in their iteration order and returns the signed token. */
	String sign(Map<String, Object> claims) {
		String signingInput = ENCODED_HEADER + "." + BASE64_URL.encodeToString(CLAIMS_MAPPER.writeValueAsBytes(claims));
		byte[] signature = newMac().doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
		return signingInput + "." + BASE64_URL.encodeToString(signature);
	}

	private Mac newMac() {
		try {
			return (Mac) this.prototype.get().clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("The HmacSHA256 provider of this Java runtime cannot copy a key", ex);
		}
	}

	@Override
	public String toString() {
		return "HmacJwtSigner[HS256]";
	}

}
