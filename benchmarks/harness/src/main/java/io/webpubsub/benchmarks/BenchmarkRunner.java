package io.webpubsub.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.webpubsub.benchmarks.client.ClientComparison;
import io.webpubsub.benchmarks.emulator.EmulatorComparison;
import io.webpubsub.benchmarks.support.BenchmarkSettings;
import io.webpubsub.benchmarks.support.Comparison;
import io.webpubsub.benchmarks.support.Report;
import io.webpubsub.benchmarks.startup.StartupComparison;
import io.webpubsub.benchmarks.upstream.UpstreamComparison;

/**
 * Runs every comparison, or those that {@code --only name,name} selects, in full or with {@code --quick}.
 */
public final class BenchmarkRunner {

	private BenchmarkRunner() {
	}

	public static void main(String[] arguments) throws Exception {
		BenchmarkSettings settings = BenchmarkSettings.fromArguments(arguments);
		List<Comparison> comparisons = List.of(new UpstreamComparison(), new ClientComparison(),
				new EmulatorComparison(), new StartupComparison());
		Set<String> selected = selectedNames(arguments, comparisons);
		Report report = Report.fromSystemProperties();

		Instant started = Instant.now();
		report.paragraph(String.format(Locale.ROOT, "Benchmarks started %s, mode %s, %d cores, Java %s.", started,
				settings.quick() ? "quick" : "full", Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version")));
		for (Comparison comparison : comparisons) {
			if (selected.contains(comparison.name())) {
				comparison.run(settings, report);
			}
		}
		Duration elapsed = Duration.between(started, Instant.now());
		report.paragraph(String.format(Locale.ROOT, "Benchmarks finished in %d min %02d s.", elapsed.toMinutes(),
				elapsed.toSecondsPart()));
	}

	private static Set<String> selectedNames(String[] arguments, List<Comparison> comparisons) {
		Set<String> known = new LinkedHashSet<>();
		comparisons.forEach(comparison -> known.add(comparison.name()));
		for (int index = 0; index < arguments.length; index++) {
			if (arguments[index].equals("--only") && index + 1 < arguments.length) {
				Set<String> selected = new LinkedHashSet<>(Arrays.asList(arguments[index + 1].split(",")));
				for (String name : selected) {
					if (!known.contains(name)) {
						throw new IllegalArgumentException(
								"Unknown comparison '" + name + "' in --only; use one or more of " + known);
					}
				}
				return selected;
			}
		}
		return known;
	}
}
