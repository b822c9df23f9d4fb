package io.webpubsub.emulator.hub;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON subprotocol envelopes that {@link Message} encodes, byte for byte. */
class MessageTests {

	@Test
	void envelopeWrapsJsonData() {
		Message message = Message.fromServer(DataType.JSON, utf8("{\"a\": [1, 2]}"));

		assertThat(text(message.jsonEnvelope(null)))
			.isEqualTo("{\"type\":\"message\",\"from\":\"server\",\"dataType\":\"json\",\"data\":{\"a\":[1,2]}}");
	}

	@Test
	void envelopeIsEncodedOnce() {
		Message message = Message.fromServer(DataType.TEXT, utf8("hi"));

		assertThat(message.jsonEnvelope(null)).isSameAs(message.jsonEnvelope(null));
	}

	@Test
	void sequenceIdFollowsType() {
		Message message = new Message(DataType.TEXT, utf8("hi"), Message.FROM_GROUP, "room", "alice");

		assertThat(text(message.jsonEnvelope(7L))).isEqualTo("{\"type\":\"message\",\"sequenceId\":7,\"from\":\"group\","
				+ "\"group\":\"room\",\"fromUserId\":\"alice\",\"dataType\":\"text\",\"data\":\"hi\"}");
	}

	@Test
	void sequencedEnvelopeLeavesSharedOneUnchanged() {
		Message message = Message.fromServer(DataType.TEXT, utf8("hi"));
		byte[] shared = message.jsonEnvelope(null);
		String before = text(shared);

		byte[] first = message.jsonEnvelope(1L);
		byte[] second = message.jsonEnvelope(2L);

		assertThat(text(shared)).isEqualTo(before);
		assertThat(text(message.jsonEnvelope(null))).isEqualTo(before);
		assertThat(text(first)).contains("\"sequenceId\":1,");
		assertThat(text(second)).contains("\"sequenceId\":2,");
	}

	@Test
	void invalidJsonDataIsSentAsString() {
		Message message = Message.fromServer(DataType.JSON, utf8("{not json"));

		assertThat(text(message.jsonEnvelope(null)))
			.isEqualTo("{\"type\":\"message\",\"from\":\"server\",\"dataType\":\"json\",\"data\":\"{not json\"}");
	}

	@Test
	void binaryDataIsBase64() {
		Message message = Message.fromServer(DataType.BINARY, new byte[] { 1, 2, (byte) 0xff });

		assertThat(text(message.jsonEnvelope(null)))
			.isEqualTo("{\"type\":\"message\",\"from\":\"server\",\"dataType\":\"binary\",\"data\":\"AQL/\"}");
	}

	@Test
	void groupCopyHasItsOwnEnvelope() {
		Message message = Message.fromServer(DataType.TEXT, utf8("hi"));
		message.jsonEnvelope(null);

		assertThat(text(message.toGroup("room").jsonEnvelope(null)))
			.isEqualTo("{\"type\":\"message\",\"from\":\"server\",\"group\":\"room\",\"dataType\":\"text\",\"data\":\"hi\"}");
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
