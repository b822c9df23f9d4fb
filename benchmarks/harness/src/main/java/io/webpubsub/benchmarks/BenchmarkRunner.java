package io.webpubsub.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

	private static final String QUICK_MODE_NOTICE = "Quick mode checks that every comparison runs. Its processes "
			+ "are cold and its runs a few seconds long, so its figures and verdicts are not results: run without "
			+ "--quick for those.";

	private BenchmarkRunner() {
	}

	public static void main(String[] arguments) {
		List<Comparison> comparisons = List.of(new UpstreamComparison(), new ClientComparison(),
				new EmulatorComparison(), new StartupComparison());
		Set<String> selected;
		try {
			selected = selectedNames(arguments, comparisons);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println("Usage: BenchmarkRunner [--quick] [--only upstream,client,emulator,startup]");
			System.exit(2);
			return;
		}
		BenchmarkSettings settings = BenchmarkSettings.fromArguments(arguments);
		Report report = Report.fromSystemProperties();

		Instant started = Instant.now();
		report.paragraph(String.format(Locale.ROOT, "Benchmarks started %s, mode %s, %d cores, Java %s.", started,
				settings.quick() ? "quick" : "full", Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version")));
		if (settings.quick()) {
			report.paragraph(QUICK_MODE_NOTICE);
		}

		List<String> failed = new ArrayList<>();
		for (Comparison comparison : comparisons) {
			if (selected.contains(comparison.name())) {
				runOne(comparison, settings, report, failed);
			}
		}

		Duration elapsed = Duration.between(started, Instant.now());
		report.paragraph(String.format(Locale.ROOT, "Benchmarks finished in %d min %02d s.", elapsed.toMinutes(),
				elapsed.toSecondsPart()));
		if (settings.quick()) {
			report.paragraph(QUICK_MODE_NOTICE);
		}
		if (!failed.isEmpty()) {
			System.err.println("Failed comparisons: " + String.join(", ", failed));
			System.exit(1);
		}
	}

	/**
	 * Runs one comparison. A failure is reported and the next comparison runs, so the tables already written are
	 * kept and one broken comparison does not cost the others.
	 */
	private static void runOne(Comparison comparison, BenchmarkSettings settings, Report report, List<String> failed) {
		try {
			comparison.run(settings, report);
		}
		catch (Exception ex) {
			failed.add(comparison.name());
			ex.printStackTrace();
			report.paragraph("The " + comparison.name() + " comparison failed and has no figures: " + ex.getMessage()
					+ " The logs of its processes are in the benchmark-logs folder.");
		}
	}

	/**
	 * Returns the comparisons to run, and rejects arguments other than {@code --quick} and {@code --only list}.
	 */
	static Set<String> selectedNames(String[] arguments, List<Comparison> comparisons) {
		Set<String> known = new LinkedHashSet<>();
		comparisons.forEach(comparison -> known.add(comparison.name()));
		Set<String> selected = known;
		for (int index = 0; index < arguments.length; index++) {
			String argument = arguments[index];
			if (argument.equals("--quick")) {
				continue;
			}
			if (!argument.equals("--only") || index + 1 >= arguments.length) {
				throw new IllegalArgumentException("Invalid argument '" + argument + "'");
			}
			index++;
			selected = new LinkedHashSet<>(Arrays.asList(arguments[index].split(",")));
			for (String name : selected) {
				if (!known.contains(name)) {
					throw new IllegalArgumentException(
							"Unknown comparison '" + name + "' in --only; use one or more of " + known);
				}
			}
		}
		return selected;
	}
}
