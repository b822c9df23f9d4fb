package io.webpubsub.benchmarks.upstream;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ceiling of the upstream comparison: what an application would write by hand for the same event, with the
 * same work as the starter's endpoint. It checks the CloudEvents headers and the {@code ce-signature} HMAC in
 * constant time, reads the text body and replies with it.
 */
@RestController
class PlainEventController {

	private static final String SIGNATURE_PREFIX = "sha256=";

	private final SecretKeySpec signingKey;

	PlainEventController(@Value("${benchmark.access-key}") String accessKey) {
		this.signingKey = new SecretKeySpec(accessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	@PostMapping(path = "/plain", consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.TEXT_PLAIN_VALUE)
	ResponseEntity<String> message(@RequestHeader("ce-awpsversion") String version,
			@RequestHeader("ce-type") String type, @RequestHeader("ce-hub") String hub,
			@RequestHeader("ce-connectionId") String connectionId,
			@RequestHeader(name = "ce-signature", required = false) String signature, @RequestBody String text) {
		if (!type.equals("azure.webpubsub.user.message") || !hub.equalsIgnoreCase(UpstreamBenchmarkApplication.HUB)) {
			return ResponseEntity.badRequest().body("Unexpected event " + type + " for hub " + hub);
		}
		if (signature == null || !matchesAny(signature, expectedSignature(connectionId))) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body("Invalid ce-signature");
		}
		return ResponseEntity.ok(text);
	}

	private byte[] expectedSignature(String connectionId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.signingKey);
			byte[] digest = mac.doFinal(connectionId.getBytes(StandardCharsets.UTF_8));
			return (SIGNATURE_PREFIX + HexFormat.of().formatHex(digest)).getBytes(StandardCharsets.US_ASCII);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static boolean matchesAny(String header, byte[] expected) {
		boolean matched = false;
		for (String candidate : header.split(",")) {
			matched |= MessageDigest.isEqual(candidate.trim().getBytes(StandardCharsets.US_ASCII), expected);
		}
		return matched;
	}
}
