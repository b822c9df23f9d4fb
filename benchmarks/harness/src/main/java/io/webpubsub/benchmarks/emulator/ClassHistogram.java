package io.webpubsub.benchmarks.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a JVM by class, from {@code jcmd <pid> GC.class_histogram}, which runs a full GC first.
 *
 * @param totalBytes the bytes of the Total line
 * @param bytesByClass the bytes of each class, by the class name without its module
 * @param instancesByClass the instances of each class
 */
record ClassHistogram(long totalBytes, Map<String, Long> bytesByClass, Map<String, Long> instancesByClass) {

	private static final Pattern CLASS_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

	private static final Pattern TOTAL_LINE = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

	private static final long JCMD_TIMEOUT_SECONDS = 60;

	/** Growth of one class between two histograms. */
	record Growth(String className, long bytes, long instances) {
	}

	/**
	 * Runs jcmd on the process and parses its output.
	 * @throws IllegalStateException if jcmd fails, times out, or prints no Total line
	 */
	static ClassHistogram of(long pid) throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		String command = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
		Process process = new ProcessBuilder(command, Long.toString(pid), "GC.class_histogram")
			.redirectErrorStream(true)
			.start();
		// Read before waiting, because the output is larger than the pipe's buffer.
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("jcmd " + pid + " GC.class_histogram timed out after "
					+ JCMD_TIMEOUT_SECONDS + " s");
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException("jcmd " + pid + " GC.class_histogram failed with exit status "
					+ process.exitValue() + ": " + output.strip());
		}
		return parse(output);
	}

	static ClassHistogram parse(String output) {
		Map<String, Long> bytes = new HashMap<>();
		Map<String, Long> instances = new HashMap<>();
		Long total = null;
		for (String line : output.split("\\R")) {
			Matcher classLine = CLASS_LINE.matcher(line);
			if (classLine.matches()) {
				instances.merge(classLine.group(3), Long.parseLong(classLine.group(1)), Long::sum);
				bytes.merge(classLine.group(3), Long.parseLong(classLine.group(2)), Long::sum);
				continue;
			}
			Matcher totalLine = TOTAL_LINE.matcher(line);
			if (totalLine.matches()) {
				total = Long.parseLong(totalLine.group(2));
			}
		}
		if (total == null) {
			throw new IllegalStateException("The class histogram has no Total line: " + output.strip());
		}
		return new ClassHistogram(total, bytes, instances);
	}

	long instancesOf(String className) {
		return instancesByClass.getOrDefault(className, 0L);
	}

	/** Returns the classes whose bytes grew most from the earlier histogram to this one, largest first. */
	List<Growth> largestGrowth(ClassHistogram earlier, int limit) {
		List<Growth> growth = new ArrayList<>();
		bytesByClass.forEach((className, size) -> {
			long grown = size - earlier.bytesByClass.getOrDefault(className, 0L);
			if (grown > 0) {
				growth.add(new Growth(className, grown, instancesOf(className) - earlier.instancesOf(className)));
			}
		});
		growth.sort((left, right) -> Long.compare(right.bytes(), left.bytes()));
		return growth.subList(0, Math.min(limit, growth.size()));
	}
}
