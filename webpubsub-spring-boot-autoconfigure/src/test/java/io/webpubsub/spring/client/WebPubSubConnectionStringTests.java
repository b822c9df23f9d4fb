package io.webpubsub.spring.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebPubSubConnectionStringTests {

	private static final String KEY = "s3cr3t-key-that-must-never-be-printed";

	@Test
	void parsesPortalFormat() {
		WebPubSubConnectionString parsed = WebPubSubConnectionString
			.parse("Endpoint=https://contoso.webpubsub.azure.com;AccessKey=" + KEY + ";Version=1.0;");

		assertThat(parsed.endpoint()).isEqualTo("https://contoso.webpubsub.azure.com");
		assertThat(parsed.accessKey()).isEqualTo(KEY);
	}

	@Test
	void keysAreCaseInsensitiveAndTrimmed() {
		WebPubSubConnectionString parsed = WebPubSubConnectionString
			.parse("  endpoint = http://localhost:8080/ ; ACCESSKEY= " + KEY + " ;version=1.0");

		assertThat(parsed.endpoint()).isEqualTo("http://localhost:8080");
		assertThat(parsed.accessKey()).isEqualTo(KEY);
	}

	@Test
	void portReplacesEndpointPort() {
		WebPubSubConnectionString parsed = WebPubSubConnectionString
			.parse("Endpoint=http://127.0.0.1:80;Port=18080;AccessKey=" + KEY);

		assertThat(parsed.endpoint()).isEqualTo("http://127.0.0.1:18080");
	}

	@Test
	void unknownKeysAndPairsWithoutEqualsAreIgnored() {
		WebPubSubConnectionString parsed = WebPubSubConnectionString
			.parse("Endpoint=https://a.example;ClientEndpoint=https://b.example;junk;AccessKey=" + KEY);

		assertThat(parsed.endpoint()).isEqualTo("https://a.example");
	}

	@Test
	void keyMayContainEqualsSigns() {
		WebPubSubConnectionString parsed = WebPubSubConnectionString
			.parse("Endpoint=https://a.example;AccessKey=abc==;Version=1.0;");

		assertThat(parsed.accessKey()).isEqualTo("abc==");
	}

	@Test
	void formatRoundTrips() {
		WebPubSubConnectionString original = new WebPubSubConnectionString("http://localhost:8090", KEY);

		assertThat(WebPubSubConnectionString.parse(original.format())).isEqualTo(original);
	}

	@Test
	void toStringMasksKey() {
		WebPubSubConnectionString parsed = WebPubSubConnectionString.parse("Endpoint=https://a.example;AccessKey=" + KEY);

		assertThat(parsed.toString()).doesNotContain(KEY).contains("https://a.example");
	}

	@Test
	void missingEndpointIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> WebPubSubConnectionString.parse("AccessKey=" + KEY))
			.withMessageContaining("no 'Endpoint'")
			.withMessageNotContaining(KEY);
	}

	@Test
	void missingAccessKeyIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebPubSubConnectionString.parse("Endpoint=https://a.example;Version=1.0"))
			.withMessageContaining("no 'AccessKey'");
	}

	@Test
	void blankStringIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> WebPubSubConnectionString.parse("  "))
			.withMessageContaining("must not be null or blank");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not a url", "ftp://a.example", "contoso.webpubsub.azure.com" })
	void malformedEndpointIsRejectedWithoutValue(String endpoint) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebPubSubConnectionString.parse("Endpoint=" + endpoint + ";AccessKey=" + KEY))
			.withMessageContaining("Endpoint value (not shown")
			.withMessageNotContaining(endpoint)
			.withMessageNotContaining(KEY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://", "http://a b.example" })
	void malformedUrlIsQuoted(String endpoint) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebPubSubConnectionString.parse("Endpoint=" + endpoint + ";AccessKey=" + KEY))
			.withMessageContaining("Endpoint '" + endpoint + "'")
			.withMessageNotContaining(KEY);
	}

	@Test
	void swappedEndpointAndKeyDoNotPrintKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebPubSubConnectionString.parse("Endpoint=" + KEY + ";AccessKey=https://a.example"))
			.withMessageNotContaining(KEY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "65536", "-1", "eighty" })
	void portOutsideRangeIsRejectedWithoutKey(String port) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebPubSubConnectionString
				.parse("Endpoint=https://a.example;Port=" + port + ";AccessKey=" + KEY))
			.withMessageContaining("'Port' value")
			.withMessageContaining(port)
			.withMessageContaining("1 to 65535")
			.withMessageNotContaining(KEY);
	}

	@Test
	void endpointPortOutsideRangeIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebPubSubConnectionString.parse("Endpoint=https://a.example:99999;AccessKey=" + KEY))
			.withMessageNotContaining(KEY)
			.withMessageContaining("1-65535");
	}

	@Test
	void duplicateKeyIsRejectedWithoutValue() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebPubSubConnectionString
				.parse("Endpoint=https://a.example;AccessKey=" + KEY + ";accesskey=" + KEY))
			.withMessageContaining("more than once")
			.withMessageNotContaining(KEY);
	}

	@Test
	void blankKeyIsRejectedByConstructor() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WebPubSubConnectionString("https://a.example", " "))
			.withMessageContaining("'accessKey' must not be null or blank");
	}

}
