package io.webpubsub.benchmarks.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Figures of one metric collected over several runs, summarised by their median and range.
 */
public final class Samples {

	private final List<Double> values = new ArrayList<>();

	public void add(double value) {
		values.add(value);
	}

	public int count() {
		return values.size();
	}

	public double median() {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = sorted();
		int middle = sorted.size() / 2;
		if (sorted.size() % 2 == 1) {
			return sorted.get(middle);
		}
		return (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	public double min() {
		return values.isEmpty() ? Double.NaN : sorted().get(0);
	}

	public double max() {
		return values.isEmpty() ? Double.NaN : sorted().get(values.size() - 1);
	}

	/**
	 * Formats the median followed by the range, such as {@code 12,345 (11,900-12,800)}.
	 */
	public String describe(String format) {
		String median = String.format(Locale.ROOT, format, median());
		if (values.size() < 2) {
			return median;
		}
		return median + " (" + String.format(Locale.ROOT, format, min()) + "-"
				+ String.format(Locale.ROOT, format, max()) + ")";
	}

	private List<Double> sorted() {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted;
	}
}
