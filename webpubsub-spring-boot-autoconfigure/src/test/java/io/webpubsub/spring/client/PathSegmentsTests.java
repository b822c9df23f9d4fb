package io.webpubsub.spring.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PathSegmentsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"alice|alice",
			"tenant/alice b|tenant%2Falice%20b",
			"Chat_1`,.[v2]|Chat_1%60,.%5Bv2%5D",
			"100%|100%25",
			"%2e%2e|%252e%252e",
			"a?b#c|a%3Fb%23c",
			"user:1@host|user:1@host",
			"ü|%C3%BC",
			"a\\b|a%5Cb" })
	void encodesLikeOfficialClients(String value, String expected) {
		assertThat(PathSegments.encode("userId", value)).isEqualTo(expected);
	}

	@Test
	void encodesSurrogatePairAsOneCharacter() {
		assertThat(PathSegments.encode("group", "g\uD83D\uDE00")).isEqualTo("g%F0%9F%98%80");
	}

	@Test
	void unchangedValueIsSameInstance() {
		String value = "conn-1_a.b~c";

		assertThat(PathSegments.encode("connectionId", value)).isSameAs(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { ".", ".." })
	void dotSegmentsAreRejected(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> PathSegments.encode("userId", value))
			.withMessageContaining("'userId' value '" + value + "' cannot be used in a URL path");
	}

	@Test
	void dotsInsideValueAreKept() {
		assertThat(PathSegments.encode("group", "...")).isEqualTo("...");
	}

}
