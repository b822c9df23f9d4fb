package io.webpubsub.benchmarks.support;

import java.time.Duration;

/**
 * How long and how often a comparison is measured: the full method, or a quick mode that checks the wiring.
 *
 * <p>The full method warms each process until two consecutive runs agree within 5% (or a time limit passes), then
 * measures every contender in alternation, in several fresh processes, so drift of the shared machine hits all
 * contenders alike.
 *
 * @param quick whether this is the quick mode
 * @param forks fresh processes per contender
 * @param rounds alternating measured runs per contender in each process
 * @param run length of one measured run
 * @param warmupRun length of one warm-up run
 * @param warmupLimit longest warm-up before measuring anyway
 */
public record BenchmarkSettings(boolean quick, int forks, int rounds, Duration run, Duration warmupRun,
		Duration warmupLimit) {

	/** Runs that agree within this fraction count as stable. */
	public static final double STABLE_SPREAD = 0.05;

	public static BenchmarkSettings fullMode() {
		return new BenchmarkSettings(false, 3, 3, Duration.ofSeconds(10), Duration.ofSeconds(10),
				Duration.ofSeconds(60));
	}

	public static BenchmarkSettings quickMode() {
		return new BenchmarkSettings(true, 1, 1, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
	}

	/**
	 * Returns the settings for the given command-line arguments: {@code --quick} selects the quick mode.
	 */
	public static BenchmarkSettings fromArguments(String[] arguments) {
		for (String argument : arguments) {
			if (argument.equals("--quick")) {
				return quickMode();
			}
		}
		return fullMode();
	}

	/**
	 * Returns these settings with other run lengths, for a comparison whose runs are cheaper or dearer than usual.
	 */
	public BenchmarkSettings withRuns(Duration run, Duration warmupRun, Duration warmupLimit) {
		if (quick) {
			return this;
		}
		return new BenchmarkSettings(quick, forks, rounds, run, warmupRun, warmupLimit);
	}

	/**
	 * Returns whether two consecutive warm-up figures agree closely enough to start measuring.
	 */
	public static boolean isStable(double previous, double current) {
		double larger = Math.max(previous, current);
		return larger > 0 && Math.abs(previous - current) / larger <= STABLE_SPREAD;
	}
}
