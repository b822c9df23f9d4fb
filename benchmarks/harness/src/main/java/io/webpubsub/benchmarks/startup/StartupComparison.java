package io.webpubsub.benchmarks.startup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.webpubsub.benchmarks.support.BenchmarkSettings;
import io.webpubsub.benchmarks.support.ChildProcess;
import io.webpubsub.benchmarks.support.Comparison;
import io.webpubsub.benchmarks.support.Report;
import io.webpubsub.benchmarks.support.Samples;

/**
 * Startup: the time the starter's auto-configuration adds to a Spring MVC application's context refresh, and the
 * time the embedded emulator takes to start. Every figure comes from a fresh JVM running {@link StartupProbe}, and
 * the application with and without the starter alternate, so a drift of the machine hits both alike.
 */
public final class StartupComparison implements Comparison {

	private static final int FULL_PAIRS = 10;

	private static final int QUICK_PAIRS = 1;

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(120);

	private final Map<String, Samples> samples = new LinkedHashMap<>();

	@Override
	public String name() {
		return "startup";
	}

	@Override
	public void run(BenchmarkSettings settings, Report report) {
		int pairs = settings.quick() ? QUICK_PAIRS : FULL_PAIRS;
		for (int pair = 0; pair < pairs; pair++) {
			// The order alternates too, so neither variant always runs on a machine just warmed by the other.
			List<String> order = (pair % 2 == 0) ? List.of("baseline", "starter") : List.of("starter", "baseline");
			Map<String, Map<String, String>> figures = new LinkedHashMap<>();
			for (String variant : order) {
				figures.put(variant, probe(variant));
			}
			record("baseline refresh", figures.get("baseline"), "refresh_ms");
			record("starter refresh", figures.get("starter"), "refresh_ms");
			record("baseline run", figures.get("baseline"), "run_ms");
			record("starter run", figures.get("starter"), "run_ms");
			record("baseline main thread CPU", figures.get("baseline"), "main_cpu_ms");
			record("starter main thread CPU", figures.get("starter"), "main_cpu_ms");
			record("starter beans", figures.get("starter"), "starter_beans_ms");
			samples.computeIfAbsent("refresh difference", key -> new Samples())
				.add(number(figures.get("starter"), "refresh_ms") - number(figures.get("baseline"), "refresh_ms"));

			Map<String, String> embedded = probe("embedded-emulator");
			record("embedded emulator bean", embedded, "emulator_bean_ms");
			Map<String, String> standalone = probe("emulator");
			record("emulator first start", standalone, "first_start_ms");
			record("emulator second start", standalone, "second_start_ms");
		}
		write(report, pairs);
	}

	private static Map<String, String> probe(String variant) {
		try (ChildProcess probe = ChildProcess.startJava("startup-" + variant, List.of(), StartupProbe.class,
				List.of(variant))) {
			Map<String, String> figures = ChildProcess.parseFigures(probe.awaitLine("RESULT", PROBE_TIMEOUT));
			probe.awaitExit(Duration.ofSeconds(30));
			return figures;
		}
	}

	private void record(String label, Map<String, String> figures, String key) {
		samples.computeIfAbsent(label, name -> new Samples()).add(number(figures, key));
	}

	private static double number(Map<String, String> figures, String key) {
		String value = figures.get(key);
		if (value == null) {
			throw new IllegalStateException("The startup probe reported no '" + key + "' in " + figures);
		}
		return Double.parseDouble(value);
	}

	private void write(Report report, int pairs) {
		report.heading("Startup");
		report.paragraph(String.format(Locale.ROOT, "%d fresh JVMs per variant, default JVM options; the variants "
				+ "alternate. The application is Spring MVC on Tomcat with one listener; the baseline excludes the "
				+ "starter's three auto-configurations. 'Starter beans' is the time Spring's startup steps spent "
				+ "creating the starter's beans, less the beans they pulled in that the application creates anyway. "
				+ "'Main thread CPU' is the CPU time of the thread that runs SpringApplication.run, which other "
				+ "processes on the machine disturb less than wall time. "
				+ "The emulator figures are the creation of the embedded emulator's bean inside that application, and "
				+ "a start without Spring, first and second in one JVM.", pairs));

		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("figure", "ms, median (range)"));
		samples.forEach((label, values) -> rows.add(List.of(label, values.describe("%.1f"))));
		report.table(rows);

		double added = samples.get("starter refresh").median() - samples.get("baseline refresh").median();
		double addedCpu = samples.get("starter main thread CPU").median()
				- samples.get("baseline main thread CPU").median();
		report.table(List.of(List.of("target", "figure"),
				List.of("refresh time the starter adds, difference of medians, ms",
						Report.verdict(added, "<=", 30)),
				List.of("main thread CPU the starter adds to startup, difference of medians, ms",
						Report.verdict(addedCpu, "<=", 30)),
				List.of("starter beans, median, ms", Report.verdict(samples.get("starter beans").median(), "<=", 30)),
				List.of("embedded emulator start, median, ms",
						Report.verdict(samples.get("embedded emulator bean").median(), "<=", 200))));
	}
}
