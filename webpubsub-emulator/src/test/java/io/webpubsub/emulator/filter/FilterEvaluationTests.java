package io.webpubsub.emulator.filter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Evaluation of valid filters against the {@link TestConnection#FIXTURES}. */
class FilterEvaluationTests {

	@ParameterizedTest(name = "[{index}] {0} on {1} is {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			# eq and ne on strings, which compare case-sensitively
			userId eq 'alice'                      | alice     | true
			userId eq 'alice'                      | bob       | false
			userId eq 'ALICE'                      | alice     | false
			userId ne 'alice'                      | bob       | true
			userId ne 'alice'                      | alice     | false
			userId ne 'alice'                      | anonymous | true
			connectionId eq 'conn-1'               | alice     | true
			protocol eq 'json.webpubsub.azure.v1'  | alice     | true
			'alice' eq userId                      | alice     | true
			userId eq connectionId                 | alice     | false
			# ordering on strings, which is ordinal, so upper case sorts before lower case
			userId gt 'alb'                        | alice     | true
			userId gt 'alice'                      | alice     | false
			userId ge 'alice'                      | alice     | true
			userId lt 'alicf'                      | alice     | true
			userId lt 'alice'                      | alice     | false
			userId le 'alice'                      | alice     | true
			userId le 'alicd'                      | alice     | false
			userId lt 'a'                          | bob       | true
			connectionId gt 'conn-1'               | bob       | true
			# integers
			1 lt 2                                 | alice     | true
			2 gt 1                                 | alice     | true
			2 ge 2                                 | alice     | true
			3 le 2                                 | alice     | false
			-5 eq -5                               | alice     | true
			-1 lt 0                                | alice     | true
			1 ne 1                                 | alice     | false
			# booleans
			true                                   | alice     | true
			false                                  | alice     | false
			true eq true                           | alice     | true
			true ne false                          | alice     | true
			false eq true                          | alice     | false
			# null, which eq and ne treat as a value and the ordering operators reject
			userId eq null                         | anonymous | true
			userId eq null                         | alice     | false
			userId ne null                         | alice     | true
			userId ne null                         | anonymous | false
			null eq userId                         | anonymous | true
			protocol eq null                       | bob       | true
			protocol ne null                       | alice     | true
			null eq null                           | alice     | true
			null ne null                           | alice     | false
			userId gt 'a'                          | anonymous | false
			userId lt 'a'                          | anonymous | false
			userId ge null                         | alice     | false
			userId le null                         | anonymous | false
			null lt 1                              | alice     | false
			# string literals, in which '' is a quote
			userId eq 'O''Brien'                   | obrien    | true
			userId eq 'OBrien'                     | obrien    | false
			contains(userId, '''')                 | obrien    | true
			contains(userId, '''')                 | alice     | false
			length('''') eq 1                      | alice     | true
			length('') eq 0                        | alice     | true
			userId ne ''                           | alice     | true
			'it''s' eq concat('it', '''s')         | alice     | true
			# in with a list of literals
			userId in ('u1', 'alice')              | alice     | true
			userId in ('u1','u2')                  | alice     | false
			userId in ('alice')                    | alice     | true
			userId in ('u1', null)                 | anonymous | true
			userId in ('u1', 'u2')                 | anonymous | false
			length(groups) in (1, 2)               | alice     | true
			length(groups) in (1, 2)               | anonymous | false
			(userId eq 'alice') in (true)          | alice     | true
			null in ('a', null)                    | alice     | true
			# in with the groups collection, whose names compare case-sensitively
			'g1' in groups                         | alice     | true
			'g3' in groups                         | alice     | false
			'G1' in groups                         | alice     | false
			'g1' in groups                         | anonymous | false
			userId in groups                       | alice     | false
			userId in groups                       | anonymous | false
			null in groups                         | alice     | false
			concat('g', '3') in groups             | u1        | true
			# and, or, not
			true and true                          | alice     | true
			true and false                         | alice     | false
			false or true                          | alice     | true
			false or false                         | alice     | false
			false or false or true                 | alice     | true
			not true                               | alice     | false
			not false                              | alice     | true
			not not true                           | alice     | true
			'g1' in groups and 'g2' in groups and userId eq 'alice' | alice | true
			# precedence: not, then comparisons and in, then and, then or
			userId eq 'alice' or userId eq 'bob' and connectionId eq 'none' | alice | true
			true or false and false                | alice     | true
			(true or false) and false              | alice     | false
			not false and false                    | alice     | false
			not (false and false)                  | alice     | true
			false eq false and false               | alice     | false
			1 lt 2 eq true                         | alice     | true
			# functions
			tolower(userId) eq 'adminbob'          | bob       | true
			toupper(userId) eq 'ALICE'             | alice     | true
			toupper(userId) eq 'alice'             | alice     | false
			trim('  x  ') eq 'x'                   | alice     | true
			trim(userId) eq userId                 | alice     | true
			substring(connectionId, 5) eq '1'      | alice     | true
			substring(connectionId, 0, 4) eq 'conn' | alice    | true
			substring(connectionId, 2, 2) eq 'nn'  | alice     | true
			substring(connectionId, 10) eq ''      | alice     | true
			substring(connectionId, 2, 100) eq 'nn-1' | alice  | true
			substring(connectionId, -3, 2) eq 'co' | alice     | true
			substring(connectionId, 1, -1) eq ''   | alice     | true
			endswith(connectionId, '-1')           | alice     | true
			endswith(connectionId, '-1')           | bob       | false
			startswith(connectionId, 'conn')       | alice     | true
			startswith(connectionId, 'conn')       | anonymous | false
			contains(protocol, 'webpubsub')        | alice     | true
			contains(protocol, 'webpubsub')        | obrien    | false
			indexof(connectionId, '-') eq 4        | alice     | true
			indexof(connectionId, '-') eq -1       | anonymous | true
			length(userId) eq 5                    | alice     | true
			length(groups) eq 2                    | alice     | true
			length(groups) eq 0                    | anonymous | true
			concat(userId, '!') eq 'alice!'        | alice     | true
			concat(concat('a', 'b'), 'c') eq 'abc' | alice     | true
			# functions on null return null, or false if they return a boolean
			tolower(userId) eq null                | anonymous | true
			toupper(protocol) eq null              | bob       | true
			trim(userId) eq null                   | anonymous | true
			substring(userId, 1) eq null           | anonymous | true
			length(userId) eq null                 | anonymous | true
			length(userId) gt 0                    | anonymous | false
			indexof(userId, 'a') eq null           | anonymous | true
			concat(userId, 'x') eq null            | anonymous | true
			concat('x', null) eq null              | alice     | true
			startswith(userId, 'a')                | anonymous | false
			not startswith(userId, 'a')            | anonymous | true
			endswith(userId, null)                 | alice     | false
			contains(protocol, 'json')             | anonymous | false
			# identifiers, keywords and function names in any letter case
			USERID eq 'alice'                      | alice     | true
			UserId EQ 'alice' AND 'g1' IN Groups   | alice     | true
			Protocol Ne NULL                       | alice     | true
			NOT TRUE                               | alice     | false
			True Or False                          | alice     | true
			userId In ('alice')                    | alice     | true
			ToLower(userId) eq 'alice'             | alice     | true
			STARTSWITH(CONNECTIONID, 'conn')       | alice     | true
			LENGTH(GROUPS) Gt 1                    | alice     | true
			# examples of the REST API
			'g1' in groups or 'g2' in groups       | obrien    | true
			'g1' in groups or 'g2' in groups       | anonymous | false
			userId in ('u1','u2') and 'g1' in groups | u1      | true
			userId in ('u1','u2') and 'g1' in groups | alice   | false
			userId eq 'user1' and connectionId ne '123' | user1 | true
			userId eq 'user1' and connectionId ne '123' | alice | false
			not ('g1' in groups)                   | anonymous | true
			not ('g1' in groups)                   | alice     | false
			length(groups) gt 1                    | alice     | true
			length(groups) gt 1                    | bob       | false
			startswith(tolower(userId), 'adm')     | bob       | true
			startswith(tolower(userId), 'adm')     | alice     | false
			startswith(tolower(userId), 'adm')     | anonymous | false
			indexof(connectionId, '-') ge 0        | alice     | true
			indexof(connectionId, '-') ge 0        | anonymous | false
			""")
	void filterMatchesFixture(String filter, String target, boolean expected) {
		ConnectionFilter parsed = ConnectionFilter.parse(filter);

		assertThat(parsed.matches(TestConnection.named(target))).as(filter).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = {
		"userId eq 'alice'",
		"  userId   eq   'alice'  ",
		"userId\teq\t'alice'",
		"userId\neq\r\n'alice'",
		"userId eq'alice'and'g1'in groups",
		"(userId eq 'alice')and('g1' in groups)",
		"userId in('alice','bob')",
		"userId in ( 'alice' , 'bob' )",
		"startswith( userId , 'al' )",
		"tolower(userId)eq'alice'",
	})
	void anyWhitespaceBetweenTokens(String filter) {
		assertThat(ConnectionFilter.parse(filter).matches(TestConnection.named("alice"))).as(filter).isTrue();
	}

}
