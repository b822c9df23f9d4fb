package io.webpubsub.emulator.filter;

import java.util.Collections;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Invalid filters, with the position and message of the {@link FilterSyntaxException}. */
class FilterSyntaxErrorTests {

	private static final String EXPECTED_VALUE = "expected a value (an identifier, a literal, a function call or '(')";

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			# missing or misplaced values
			""                                 | 0  | EXPECTED_VALUE but found end of filter
			"   "                              | 3  | EXPECTED_VALUE but found end of filter
			"userId eq"                        | 9  | EXPECTED_VALUE but found end of filter
			"userId eq and"                    | 10 | EXPECTED_VALUE but found 'and'
			"userId eq 'a' and"                | 17 | EXPECTED_VALUE but found end of filter
			"eq"                               | 0  | EXPECTED_VALUE but found 'eq'
			")"                                | 0  | EXPECTED_VALUE but found ')'
			# a top level that is not boolean
			"userId"                           | 0  | the filter must be a boolean expression, but 'userId' is a string; compare it with a value, as in userId eq 'alice'
			"length(groups)"                   | 0  | the filter must be a boolean expression, but 'length(groups)' is an integer; compare it with a value, as in userId eq 'alice'
			"null"                             | 0  | the filter must be a boolean expression, but 'null' is null; compare it with a value, as in userId eq 'alice'
			# unknown names
			"user eq 'a'"                      | 0  | unknown identifier 'user'; valid identifiers are userId, connectionId, groups and protocol
			"userId eq 'a' or name eq 'b'"     | 17 | unknown identifier 'name'; valid identifiers are userId, connectionId, groups and protocol
			"foo(userId)"                      | 0  | unknown function 'foo'; valid functions are tolower, toupper, trim, substring, endswith, startswith, contains, indexof, length, concat
			# number of function arguments
			"tolower(userId, 'a') eq 'a'"      | 0  | function 'tolower' takes 1 argument but was given 2
			"substring(userId) eq 'a'"         | 0  | function 'substring' takes 2 or 3 arguments but was given 1
			"substring(userId, 1, 2, 3) eq 'a'" | 0 | function 'substring' takes 2 or 3 arguments but was given 4
			"length() eq 0"                    | 0  | function 'length' takes 1 argument but was given 0
			"contains(userId)"                 | 0  | function 'contains' takes 2 arguments but was given 1
			# unterminated strings
			"userId eq 'abc"                   | 10 | unterminated string literal; end it with ' and write '' for a quote inside it
			"userId eq 'O''Brien"              | 10 | unterminated string literal; end it with ' and write '' for a quote inside it
			# trailing input
			"userId eq 'a' x"                  | 14 | expected 'and', 'or' or end of filter but found 'x'
			"userId eq 'a')"                   | 13 | expected 'and', 'or' or end of filter but found ')'
			"userId eq 'a' ,"                  | 14 | expected 'and', 'or' or end of filter but found ','
			"userId 'a'"                       | 7  | expected a comparison operator (eq, ne, gt, ge, lt, le) or 'in' but found string 'a'
			# types of comparisons
			"groups eq 'a'"                    | 7  | 'eq' cannot compare 'groups', which is a collection; to test membership, write 'name' in groups
			"'a' ne groups"                    | 4  | 'ne' cannot compare 'groups', which is a collection; to test membership, write 'name' in groups
			"userId eq 1"                      | 7  | 'eq' cannot compare 'userId', which is a string, with '1', which is an integer
			"length(userId) lt 'a'"            | 15 | 'lt' cannot compare 'length(userId)', which is an integer, with 'a', which is a string
			"true gt false"                    | 5  | 'gt' cannot order booleans; use eq or ne
			# types of in
			"'a' in userId"                    | 7  | expected a collection such as groups or a list in parentheses after 'in', but 'userId' is a string
			"1 in groups"                      | 0  | 'in groups' needs a string on its left, but '1' is an integer
			"groups in ('a')"                  | 0  | 'groups' is a collection and cannot be looked up in a list; to test membership, write 'name' in groups
			"userId in ('a', 1)"               | 16 | expected a string in the 'in' list but found '1', which is an integer
			"length(userId) in (1, 'a')"       | 22 | expected an integer in the 'in' list but found string 'a'
			# the in list
			"userId in ('a' 'b')"              | 15 | expected ',' or ')' in the 'in' list but found string 'b'
			"userId in ('a', connectionId)"    | 16 | expected a literal in the 'in' list but found 'connectionId'
			"userId in ()"                     | 11 | expected a literal in the 'in' list but found ')'
			"userId in ('a',"                  | 15 | expected a literal in the 'in' list but found end of filter
			# types of logical operands
			"not userId eq 'a'"                | 0  | 'not' needs a boolean operand, but 'userId' is a string; 'not' binds tighter than comparisons, so put a comparison in parentheses: not (...)
			"not 'g1' in groups"               | 0  | 'not' needs a boolean operand, but 'g1' is a string; 'not' binds tighter than comparisons, so put a comparison in parentheses: not (...)
			"userId and true"                  | 0  | 'and' needs boolean operands, but 'userId' is a string
			"true or 'a'"                      | 8  | 'or' needs boolean operands, but 'a' is a string
			# parentheses
			"(userId eq 'a'"                   | 14 | expected ')' to close the '(' at position 0 but found end of filter
			"((true)"                          | 7  | expected ')' to close the '(' at position 0 but found end of filter
			"(true true)"                      | 6  | expected ')' to close the '(' at position 0 but found 'true'
			# function arguments
			"tolower(1) eq 'a'"                | 8  | argument 1 of 'tolower' must be a string, but '1' is an integer
			"length(1) eq 0"                   | 7  | argument 1 of 'length' must be a string or a collection, but '1' is an integer
			"substring(userId, 'a') eq 'b'"    | 18 | argument 2 of 'substring' must be an integer, but 'a' is a string
			"contains(groups, 'a')"            | 9  | argument 1 of 'contains' must be a string, but 'groups' is a collection
			"startswith(userId 'a')"           | 18 | expected ',' or ')' in the arguments of 'startswith' but found string 'a'
			"tolower(userId"                   | 14 | expected ',' or ')' in the arguments of 'tolower' but found end of filter
			# characters and numbers
			"userId eq 'a' && true"            | 14 | unexpected character '&'; expected an identifier, a function name, a keyword, a literal, '(', ')' or ','
			"length(groups) gt 1.5"            | 18 | decimal numbers are not supported; expected an integer
			"userId eq -"                      | 10 | expected a digit after '-'
			"length(groups) gt 99999999999999999999" | 18 | integer 99999999999999999999 is out of range; integers must be between -9223372036854775808 and 9223372036854775807
			""")
	void invalidFilterIsRejected(String filter, int position, String detail) {
		String expectedDetail = detail.replace("EXPECTED_VALUE", EXPECTED_VALUE);

		FilterSyntaxException exception = parseFailure(filter);

		assertThat(exception.getPosition()).as("position").isEqualTo(position);
		assertThat(exception).hasMessage("Invalid filter at position " + position + ": " + expectedDetail);
	}

	@Test
	void doubleQuotedStringIsRejected() {
		FilterSyntaxException exception = parseFailure("userId eq \"a\"");

		assertThat(exception.getPosition()).isEqualTo(10);
		assertThat(exception)
			.hasMessage("Invalid filter at position 10: unexpected character '\"'; string literals use single quotes");
	}

	@Test
	void maximumClausesAreAccepted() {
		ConnectionFilter filter = ConnectionFilter.parse(repeat("true eq false", " or ", FilterLimits.MAX_CLAUSES - 1)
				+ " or 'g1' in groups");

		assertThat(filter.matches(TestConnection.named("alice"))).isTrue();
	}

	@Test
	void tooManyComparisonsAreRejected() {
		String filter = repeat("true eq true", " or ", FilterLimits.MAX_CLAUSES + 1);
		int lastOperator = filter.lastIndexOf(" eq ") + 1;

		FilterSyntaxException exception = parseFailure(filter);

		assertThat(exception.getPosition()).isEqualTo(lastOperator);
		assertThat(exception).hasMessage("Invalid filter at position " + lastOperator + ": the filter has more than "
				+ "100 clauses; each comparison, 'in' test and boolean function call is a clause");
	}

	@Test
	void tooManyInTestsAreRejected() {
		String filter = repeat("'g' in groups", " and ", FilterLimits.MAX_CLAUSES + 1);

		FilterSyntaxException exception = parseFailure(filter);

		assertThat(exception.getPosition()).isEqualTo(filter.lastIndexOf(" in ") + 1);
	}

	@Test
	void tooManyBooleanFunctionsAreRejected() {
		String filter = repeat("startswith(userId, 'a')", " or ", FilterLimits.MAX_CLAUSES + 1);

		FilterSyntaxException exception = parseFailure(filter);

		assertThat(exception.getPosition()).isEqualTo(filter.lastIndexOf("startswith"));
	}

	@Test
	void nonBooleanFunctionsAreNotClauses() {
		String comparisons = repeat("length(tolower(userId)) ge 0", " and ", FilterLimits.MAX_CLAUSES);

		assertThat(ConnectionFilter.parse(comparisons).matches(TestConnection.named("alice"))).isTrue();
	}

	@Test
	void maximumNestingIsAccepted() {
		int depth = FilterLimits.MAX_DEPTH;
		String parentheses = "(".repeat(depth) + "true" + ")".repeat(depth);
		String negations = "not ".repeat(depth) + "true";
		String calls = "tolower(".repeat(depth) + "userId" + ")".repeat(depth) + " eq 'alice'";

		assertThat(ConnectionFilter.parse(parentheses).matches(TestConnection.named("alice"))).isTrue();
		assertThat(ConnectionFilter.parse(negations).matches(TestConnection.named("alice"))).isTrue();
		assertThat(ConnectionFilter.parse(calls).matches(TestConnection.named("alice"))).isTrue();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', textBlock = """
			parentheses | 50
			negations   | 200
			calls       | 400
			mixed       | 145
			""")
	void tooDeepNestingIsRejected(String kind, int position) {
		int depth = FilterLimits.MAX_DEPTH + 1;
		String filter = switch (kind) {
			case "parentheses" -> "(".repeat(depth) + "true" + ")".repeat(depth);
			case "negations" -> "not ".repeat(depth) + "true";
			case "calls" -> "tolower(".repeat(depth) + "userId" + ")".repeat(depth) + " eq 'a'";
			default -> "(not ".repeat(20) + "(tolower(".repeat(6) + "userId" + "))".repeat(6) + " eq 'a'"
					+ ")".repeat(20);
		};

		FilterSyntaxException exception = parseFailure(filter);

		assertThat(exception.getPosition()).isEqualTo(position);
		assertThat(exception).hasMessage("Invalid filter at position " + position + ": the filter is nested more "
				+ "than 50 levels deep; each parenthesized expression, function call and 'not' adds a level");
	}

	@Test
	void unbalancedParenthesesFailFast() {
		FilterSyntaxException exception = parseFailure("(".repeat(FilterLimits.MAX_LENGTH));

		assertThat(exception.getPosition()).isEqualTo(FilterLimits.MAX_DEPTH);
	}

	@Test
	void maximumLengthIsAccepted() {
		String value = "x".repeat(FilterLimits.MAX_LENGTH - "userId eq ''".length());

		ConnectionFilter filter = ConnectionFilter.parse("userId eq '" + value + "'");

		assertThat(filter.toString()).hasSize(FilterLimits.MAX_LENGTH);
		assertThat(filter.matches(new TestConnection(value, "c", Set.of(), null))).isTrue();
	}

	@Test
	void tooLongFilterIsRejected() {
		String value = "x".repeat(FilterLimits.MAX_LENGTH + 1 - "userId eq ''".length());

		FilterSyntaxException exception = parseFailure("userId eq '" + value + "'");

		assertThat(exception.getPosition()).isEqualTo(4096);
		assertThat(exception).hasMessage(
				"Invalid filter at position 4096: the filter is 4097 characters long, but the maximum is 4096");
	}

	private static FilterSyntaxException parseFailure(String filter) {
		FilterSyntaxException exception = catchThrowableOfType(FilterSyntaxException.class,
				() -> ConnectionFilter.parse(filter));
		assertThat(exception).as("exception for " + filter).isNotNull();
		return exception;
	}

	private static String repeat(String clause, String separator, int count) {
		return String.join(separator, Collections.nCopies(count, clause));
	}

}
