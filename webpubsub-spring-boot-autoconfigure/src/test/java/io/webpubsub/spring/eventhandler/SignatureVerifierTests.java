package io.webpubsub.spring.eventhandler;

import java.util.List;

import io.webpubsub.spring.eventhandler.support.SignatureVerifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Signature checks against vectors computed independently with openssl.
 */
class SignatureVerifierTests {

	private static final String EMULATOR_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

	private static final String SECONDARY_KEY = "secondary-key-0123456789abcdef0123";

	private static final String CONN_1_PRIMARY = "sha256=261f7f58ff9fb9bb8be7e4951a807fe6091e5c074885bf63b865eccd28728881";

	private static final String CONN_1_SECONDARY = "sha256=eeced97e6da624797977dca5d634d2e4e6c3b7a2d2b947fe59f9fd1f2c23b2de";

	@Test
	void acceptsKnownVector() {
		SignatureVerifier verifier = new SignatureVerifier(List.of("7aab239577fd4f24bc919802fb629f5f"));

		assertThat(verifier.isValid("sha256=7767effcb3946f3e1de039df4b986ef02c110b1469d02c0a06f41b3b727ab561",
				"0f9c97a2f0bf4706afe87a14e0797b11"))
			.isTrue();
	}

	@Test
	void signsLikeTheService() {
		SignatureVerifier verifier = new SignatureVerifier(List.of(EMULATOR_KEY, SECONDARY_KEY));

		assertThat(verifier.sign("conn-1")).isEqualTo(CONN_1_PRIMARY + "," + CONN_1_SECONDARY);
	}

	@Test
	void acceptsHeaderWithTwoEntries() {
		SignatureVerifier verifier = new SignatureVerifier(List.of(EMULATOR_KEY));

		assertThat(verifier.isValid(CONN_1_SECONDARY + ", " + CONN_1_PRIMARY, "conn-1")).isTrue();
	}

	@Test
	void acceptsEitherKeyDuringRotation() {
		SignatureVerifier verifier = new SignatureVerifier(List.of(EMULATOR_KEY, SECONDARY_KEY));

		assertThat(verifier.isValid(CONN_1_PRIMARY, "conn-1")).isTrue();
		assertThat(verifier.isValid(CONN_1_SECONDARY, "conn-1")).isTrue();
	}

	@Test
	void acceptsUpperCaseHex() {
		SignatureVerifier verifier = new SignatureVerifier(List.of(EMULATOR_KEY));

		assertThat(verifier.isValid("SHA256=" + CONN_1_PRIMARY.substring(7).toUpperCase(), "conn-1")).isTrue();
	}

	@Test
	void rejectsOtherKey() {
		SignatureVerifier verifier = new SignatureVerifier(List.of(EMULATOR_KEY));

		assertThat(verifier.isValid(CONN_1_SECONDARY, "conn-1")).isFalse();
	}

	@Test
	void rejectsOtherConnection() {
		SignatureVerifier verifier = new SignatureVerifier(List.of(EMULATOR_KEY));

		assertThat(verifier.isValid(CONN_1_PRIMARY, "conn-2")).isFalse();
	}

	@Test
	void rejectsMissingAndMalformedHeaders() {
		SignatureVerifier verifier = new SignatureVerifier(List.of(EMULATOR_KEY));

		assertThat(verifier.isValid(null, "conn-1")).isFalse();
		assertThat(verifier.isValid("", "conn-1")).isFalse();
		assertThat(verifier.isValid("261f7f58ff9fb9bb8be7e4951a807fe6091e5c074885bf63b865eccd28728881", "conn-1"))
			.as("hex without the sha256= prefix")
			.isFalse();
		assertThat(verifier.isValid("sha256=", "conn-1")).isFalse();
		assertThat(verifier.isValid("sha256=zz,,", "conn-1")).isFalse();
	}

	@Test
	void requiresKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SignatureVerifier(List.of()))
			.withMessageContaining("At least one access key");
	}

	@Test
	void toStringHasNoKey() {
		assertThat(new SignatureVerifier(List.of(EMULATOR_KEY)).toString()).doesNotContain(EMULATOR_KEY);
	}

}
