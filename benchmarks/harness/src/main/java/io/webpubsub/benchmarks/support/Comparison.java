package io.webpubsub.benchmarks.support;

/**
 * One comparison of the benchmark suite, which measures its contenders and adds its figures to the report.
 */
public interface Comparison {

	/**
	 * Returns the short name that {@code --only} selects the comparison by.
	 */
	String name();

	void run(BenchmarkSettings settings, Report report) throws Exception;

}
