package io.webpubsub.benchmarks.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.webpubsub.benchmarks.support.BenchmarkSettings;
import io.webpubsub.benchmarks.support.ChildProcess;
import io.webpubsub.benchmarks.support.Loopback;
import io.webpubsub.benchmarks.support.Samples;

/**
 * Runs the SDK module's JMH benchmark {@code TokenMintingBenchmark} in a child process on that module's classpath and
 * reads its JSON result.
 */
final class TokenMintingRun {

	static final String BENCHMARK = "io.webpubsub.benchmarks.sdk.TokenMintingBenchmark";

	/**
	 * The JMH result of one benchmark method.
	 *
	 * @param score mean throughput over all measured iterations
	 * @param error half-width of JMH's 99.9% confidence interval, or NaN with a single iteration
	 * @param unit unit of the score, such as {@code ops/ms}
	 * @param iterations the throughput of each measured iteration, from every fork
	 */
	record Score(double score, double error, String unit, Samples iterations) {
	}

	private TokenMintingRun() {
	}

	/** Returns the JMH options for the settings: about a minute in full mode, a few seconds in quick mode. */
	static List<String> jmhOptions(BenchmarkSettings settings) {
		if (settings.quick()) {
			return List.of("-f", "1", "-wi", "1", "-i", "1", "-w", "1s", "-r", "1s");
		}
		// Both methods needed about 5 s of warm-up before their scores settled.
		return List.of("-f", "3", "-wi", "5", "-i", "4", "-w", "1s", "-r", "1s");
	}

	/**
	 * Runs the benchmark and returns the score of each method by its name, {@code starter} and {@code azureSdk}.
	 */
	static Map<String, Score> run(BenchmarkSettings settings, List<String> jvmOptions) throws IOException {
		Path result = Loopback.benchmarksHome().resolve("target/client-token-minting.json");
		Path output = Loopback.benchmarksHome().resolve("target/client-token-minting.txt");
		Files.createDirectories(result.getParent());
		Files.deleteIfExists(result);

		List<String> arguments = new ArrayList<>(List.of(BENCHMARK));
		arguments.addAll(jmhOptions(settings));
		arguments.addAll(List.of("-jvmArgs", String.join(" ", jvmOptions), "-rf", "json", "-rff", result.toString(),
				"-o", output.toString()));
		try (ChildProcess jmh = ChildProcess.startJava("client-jmh", Loopback.azureSdkClasspath(), jvmOptions,
				"org.openjdk.jmh.Main", arguments)) {
			int status = jmh.awaitExit(settings.quick() ? Duration.ofMinutes(2) : Duration.ofMinutes(5));
			if (status != 0 || !Files.exists(result)) {
				throw new IllegalStateException("JMH exited with status " + status + " and no result in " + result
						+ "; see its output in " + output + " and " + jmh);
			}
		}
		return parse(result);
	}

	private static Map<String, Score> parse(Path result) {
		JsonNode benchmarks = JsonMapper.builder().build().readTree(result);
		Map<String, Score> scores = new LinkedHashMap<>();
		for (JsonNode benchmark : benchmarks) {
			String name = benchmark.path("benchmark").asString();
			JsonNode metric = benchmark.path("primaryMetric");
			Samples iterations = new Samples();
			for (JsonNode fork : metric.path("rawData")) {
				for (JsonNode iteration : fork) {
					iterations.add(iteration.asDouble());
				}
			}
			// JMH writes the error as the string "NaN" when there is a single iteration.
			scores.put(name.substring(name.lastIndexOf('.') + 1), new Score(metric.path("score").asDouble(),
					metric.path("scoreError").asDouble(Double.NaN), metric.path("scoreUnit").asString(), iterations));
		}
		if (!scores.containsKey("starter") || !scores.containsKey("azureSdk")) {
			throw new IllegalStateException("The JMH result " + result + " is missing the method starter or azureSdk, "
					+ "and has " + scores.keySet() + "; see the JMH output next to it");
		}
		return scores;
	}
}
