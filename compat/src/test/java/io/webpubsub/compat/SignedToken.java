package io.webpubsub.compat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A compact JSON Web Token split into its decoded header and claims, with the encoded form kept so the HS256
 * signature can be checked against an access key.
 */
record SignedToken(String encoded, Map<String, Object> header, Map<String, Object> claims) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {
	};

	static SignedToken parse(String encoded) {
		String[] parts = encoded.split("\\.", -1);
		if (parts.length != 3) {
			throw new IllegalArgumentException("Expected a JWT of three dot-separated parts, got " + parts.length
					+ " parts: " + encoded);
		}
		return new SignedToken(encoded, decodeJson(parts[0]), decodeJson(parts[1]));
	}

	/** Returns whether the signature is the HMAC-SHA256 of the signing input keyed with the key's UTF-8 bytes. */
	boolean hasValidSignature(String accessKey) {
		int lastDot = this.encoded.lastIndexOf('.');
		byte[] signingInput = this.encoded.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
		byte[] signature = Base64.getUrlDecoder().decode(this.encoded.substring(lastDot + 1));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(accessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return MessageDigest.isEqual(mac.doFinal(signingInput), signature);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", ex);
		}
	}

	Object claim(String name) {
		return this.claims.get(name);
	}

	/** Returns the {@code exp} claim in epoch seconds. */
	long expiresAt() {
		return numericClaim("exp");
	}

	long numericClaim(String name) {
		Object value = this.claims.get(name);
		if (!(value instanceof Number number)) {
			throw new AssertionError("Claim '" + name + "' is not a number: " + value + " in " + this.claims);
		}
		return number.longValue();
	}

	/** Returns a copy of the claims without the named ones. */
	Map<String, Object> claimsWithout(String... names) {
		Map<String, Object> rest = new LinkedHashMap<>(this.claims);
		for (String name : names) {
			rest.remove(name);
		}
		return rest;
	}

	@Override
	public String toString() {
		return "SignedToken[header=" + this.header + ", claims=" + this.claims + "]";
	}

	private static Map<String, Object> decodeJson(String base64Url) {
		return JSON.readValue(Base64.getUrlDecoder().decode(base64Url), JSON_OBJECT);
	}

}
