package io.webpubsub.spring.eventhandler.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Verifies {@code ce-signature}: {@code sha256=<hex>} entries, separated by commas, each the HMAC-SHA256 of the
 * connection id keyed with the UTF-8 bytes of an access key. A request is genuine when any entry matches any
 * configured key, which lets keys rotate. Comparisons take constant time.
 */
public final class SignatureVerifier {

	private static final String ALGORITHM = "HmacSHA256";

	private static final String PREFIX = "sha256=";

	private final List<SecretKeySpec> keys;

	/**
	 * One keyed {@link Mac} per key, copied for each request. They are created on the first request because the
	 * first {@code Mac.getInstance} in a JVM loads the crypto providers, about 40 ms of CPU on a 2-core benchmark
	 * machine (Java 17), which application startup should not pay.
	 */
	private volatile @Nullable List<Mac> keyedPrototypes;

	/**
	 * Creates a verifier for the given keys.
	 * @throws IllegalArgumentException if there is no key or a key is blank
	 */
	public SignatureVerifier(List<String> accessKeys) {
		if (accessKeys.isEmpty()) {
			throw new IllegalArgumentException("At least one access key is required to verify signatures");
		}
		List<SecretKeySpec> keys = new ArrayList<>();
		for (String accessKey : accessKeys) {
			if (accessKey == null || accessKey.isBlank()) {
				throw new IllegalArgumentException("An access key for signature checks must not be null or blank");
			}
			keys.add(new SecretKeySpec(accessKey.getBytes(StandardCharsets.UTF_8), ALGORITHM));
		}
		this.keys = List.copyOf(keys);
	}

	/** Returns whether the header contains a valid signature of the connection id for any of the keys. */
	public boolean isValid(@Nullable String signatureHeader, String connectionId) {
		if (signatureHeader == null || signatureHeader.isBlank()) {
			return false;
		}
		byte[] message = connectionId.getBytes(StandardCharsets.UTF_8);
		List<Mac> prototypes = keyedPrototypes();
		List<byte[]> expected = new ArrayList<>(prototypes.size());
		for (Mac prototype : prototypes) {
			expected.add(HexFormat.of().formatHex(copy(prototype).doFinal(message)).getBytes(StandardCharsets.US_ASCII));
		}
		boolean valid = false;
		for (String entry : signatureHeader.split(",")) {
			String trimmed = entry.trim();
			if (!trimmed.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
				continue;
			}
			byte[] candidate = trimmed.substring(PREFIX.length()).toLowerCase(Locale.ROOT)
				.getBytes(StandardCharsets.US_ASCII);
			for (byte[] signature : expected) {
				// Every pair is compared, so the time taken does not tell which entry or key matched.
				valid |= MessageDigest.isEqual(signature, candidate);
			}
		}
		return valid;
	}

	/** Returns the signature header the service would send for the connection id, one entry per key. */
	public String sign(String connectionId) {
		byte[] message = connectionId.getBytes(StandardCharsets.UTF_8);
		List<String> entries = new ArrayList<>();
		for (Mac prototype : keyedPrototypes()) {
			entries.add(PREFIX + HexFormat.of().formatHex(copy(prototype).doFinal(message)));
		}
		return String.join(",", entries);
	}

	@Override
	public String toString() {
		return "SignatureVerifier[keys=" + this.keys.size() + "]";
	}

	private List<Mac> keyedPrototypes() {
		List<Mac> prototypes = this.keyedPrototypes;
		if (prototypes == null) {
			synchronized (this) {
				prototypes = this.keyedPrototypes;
				if (prototypes == null) {
					prototypes = this.keys.stream().map(SignatureVerifier::newMac).toList();
					this.keyedPrototypes = prototypes;
				}
			}
		}
		return prototypes;
	}

	private static Mac newMac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", ex);
		}
	}

	private static Mac copy(Mac prototype) {
		try {
			return (Mac) prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("The HmacSHA256 provider of this Java runtime cannot copy a key", ex);
		}
	}

}
