package io.webpubsub.benchmarks.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown record of a benchmark: sections of text and tables, printed to standard output as they are added and
 * appended to the results file.
 */
public final class Report {

	private final Path output;

	public Report(Path output) {
		this.output = output;
	}

	/**
	 * Returns the report that writes to the file named by the {@code benchmarks.output} system property, or to
	 * {@code target/benchmark-results.md}.
	 */
	public static Report fromSystemProperties() {
		return new Report(Path.of(System.getProperty("benchmarks.output", "target/benchmark-results.md")));
	}

	public void heading(String text) {
		write("\n## " + text + "\n");
	}

	public void paragraph(String text) {
		write("\n" + text + "\n");
	}

	/**
	 * Writes a table whose first row is the header.
	 */
	public void table(List<List<String>> rows) {
		StringBuilder table = new StringBuilder("\n");
		for (int index = 0; index < rows.size(); index++) {
			table.append("| ").append(String.join(" | ", rows.get(index))).append(" |\n");
			if (index == 0) {
				List<String> rule = new ArrayList<>();
				rows.get(0).forEach(cell -> rule.add("---"));
				table.append("| ").append(String.join(" | ", rule)).append(" |\n");
			}
		}
		write(table.toString());
	}

	/**
	 * Describes a ratio against its target, such as {@code 0.934 (target >= 0.90: met)}. Three decimals keep a ratio
	 * just below its target from printing as equal to it.
	 */
	public static String verdict(double ratio, String comparison, double target) {
		boolean met = comparison.equals(">=") ? ratio >= target : ratio <= target;
		return String.format(Locale.ROOT, "%.3f (target %s %.2f: %s)", ratio, comparison, target,
				met ? "met" : "missed");
	}

	private void write(String text) {
		System.out.print(text);
		System.out.flush();
		try {
			Path parent = output.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(output, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to write the benchmark results to " + output, ex);
		}
	}
}
