package io.webpubsub.benchmarks.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk, the HTTP load generator, against a loopback URL and reads its summary.
 *
 * @param threads wrk threads
 * @param connections open connections, shared between the threads
 */
public record Wrk(int threads, int connections) {

	private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern TOTAL_REQUESTS = Pattern.compile("(\\d+) requests in");

	private static final Pattern P99 = Pattern.compile("^\\s*99%\\s+([0-9.]+)(us|ms|s)\\s*$");

	private static final Pattern NON_SUCCESS = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

	/**
	 * The summary of one wrk run.
	 *
	 * @param requests completed requests
	 * @param requestsPerSecond throughput
	 * @param p99Millis 99th percentile latency in milliseconds
	 */
	public record Result(long requests, double requestsPerSecond, double p99Millis) {
	}

	/**
	 * Runs wrk for the given time with a Lua script and its arguments, and fails if any response was not 2xx or
	 * any socket error occurred, because then the figures would not measure the work under test.
	 */
	public Result run(String url, Duration duration, Path script, List<String> scriptArguments) {
		if (!url.startsWith("http://" + Loopback.HOST)) {
			throw new IllegalArgumentException("wrk may only load " + Loopback.HOST + ", not " + url);
		}
		List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
				"-d" + duration.toSeconds() + "s", "--latency", "-s", script.toString(), url, "--"));
		command.addAll(scriptArguments);

		try (ChildProcess wrk = ChildProcess.start("wrk", command, Map.of())) {
			int status = wrk.awaitExit(duration.plusSeconds(30));
			String output = String.join("\n", wrk.remainingOutput(Duration.ofSeconds(10)));
			if (status != 0) {
				throw new IllegalStateException("wrk exited with status " + status + ":\n" + output);
			}
			return parse(output, url);
		}
	}

	static Result parse(String output, String url) {
		Matcher nonSuccess = NON_SUCCESS.matcher(output);
		if (nonSuccess.find()) {
			throw new IllegalStateException(nonSuccess.group(1) + " responses from " + url
					+ " were not 2xx, so the server rejected the event; wrk printed:\n" + output);
		}
		Matcher socketErrors = SOCKET_ERRORS.matcher(output);
		if (socketErrors.find()) {
			throw new IllegalStateException("wrk saw socket errors against " + url + " (" + socketErrors.group(1)
					+ "); wrk printed:\n" + output);
		}
		return new Result(Long.parseLong(find(TOTAL_REQUESTS, output, url)),
				Double.parseDouble(find(REQUESTS_PER_SECOND, output, url)), p99Millis(output, url));
	}

	private static double p99Millis(String output, String url) {
		for (String line : output.split("\n")) {
			Matcher matcher = P99.matcher(line);
			if (matcher.matches()) {
				double value = Double.parseDouble(matcher.group(1));
				return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
					case "us" -> value / 1000;
					case "s" -> value * 1000;
					default -> value;
				};
			}
		}
		throw new IllegalStateException("wrk printed no 99% latency for " + url + ":\n" + output);
	}

	private static String find(Pattern pattern, String output, String url) {
		Matcher matcher = pattern.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("wrk printed no '" + pattern + "' for " + url + ":\n" + output);
		}
		return matcher.group(1);
	}
}
