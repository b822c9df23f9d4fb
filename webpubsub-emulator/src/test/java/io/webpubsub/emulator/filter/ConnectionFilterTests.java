package io.webpubsub.emulator.filter;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** Public contract of {@link ConnectionFilter}, apart from the filter language itself. */
class ConnectionFilterTests {

	@Test
	void matchAllMatchesEveryConnection() {
		ConnectionFilter filter = ConnectionFilter.matchAll();

		for (TestConnection connection : TestConnection.FIXTURES.values()) {
			assertThat(filter.matches(connection)).as(connection.toString()).isTrue();
		}
	}

	@Test
	void matchAllHasEmptyText() {
		assertThat(ConnectionFilter.matchAll()).hasToString("");
	}

	@Test
	void toStringReturnsSourceText() {
		String text = "  UserId EQ 'O''Brien'\tor 'g1' in groups ";

		assertThat(ConnectionFilter.parse(text)).hasToString(text);
	}

	@Test
	void parsedFilterIsReusable() {
		ConnectionFilter filter = ConnectionFilter.parse("'g1' in groups");

		assertThat(filter.matches(TestConnection.named("alice"))).isTrue();
		assertThat(filter.matches(TestConnection.named("obrien"))).isFalse();
		assertThat(filter.matches(TestConnection.named("bob"))).isTrue();
	}

	@Test
	void groupsAreReadOnEveryMatch() {
		ConnectionFilter filter = ConnectionFilter.parse("'late' in groups");

		assertThat(filter.matches(new TestConnection("u", "c", Set.of(), null))).isFalse();
		assertThat(filter.matches(new TestConnection("u", "c", Set.of("late"), null))).isTrue();
	}

	@Test
	void syntaxErrorIsIllegalArgument() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> ConnectionFilter.parse("userId eq"))
			.isInstanceOf(FilterSyntaxException.class)
			.withMessageStartingWith("Invalid filter at position 9: ");
	}

	@Test
	void parseRejectsNullText() {
		assertThatNullPointerException().isThrownBy(() -> ConnectionFilter.parse(null)).withMessage("filter");
	}

	@Test
	void matchesRejectsNullTarget() {
		ConnectionFilter filter = ConnectionFilter.parse("true");

		assertThatNullPointerException().isThrownBy(() -> filter.matches(null)).withMessage("target");
	}

}
