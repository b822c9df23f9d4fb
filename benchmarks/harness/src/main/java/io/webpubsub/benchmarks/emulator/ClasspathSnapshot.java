package io.webpubsub.benchmarks.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of the classpath entries that lie in the source tree, such as {@code target/classes} and the
 * modules' jars, for the child processes of one comparison. A rebuild of the tree while the comparison runs would
 * otherwise replace classes under processes that load them lazily, and they fail with {@link NoClassDefFoundError}.
 * Entries outside the tree, such as the local Maven repository's jars, are used in place.
 */
final class ClasspathSnapshot implements AutoCloseable {

	private final Path directory;

	private final String classpath;

	private ClasspathSnapshot(Path directory, String classpath) {
		this.directory = directory;
		this.classpath = classpath;
	}

	/** Copies the entries of the classpath that lie under the source tree into a new temporary directory. */
	static ClasspathSnapshot of(String classpath, Path sourceTree) throws IOException {
		Path directory = Files.createTempDirectory("emulator-comparison-classpath");
		List<String> entries = new ArrayList<>();
		int index = 0;
		for (String entry : classpath.split(File.pathSeparator)) {
			Path path = Path.of(entry).toAbsolutePath().normalize();
			if (!path.startsWith(sourceTree) || !Files.exists(path)) {
				entries.add(entry);
				continue;
			}
			// A numbered name keeps two entries with the same file name apart.
			Path copy = directory.resolve(index++ + "-" + path.getFileName());
			copyRecursively(path, copy);
			entries.add(copy.toString());
		}
		return new ClasspathSnapshot(directory, String.join(File.pathSeparator, entries));
	}

	String classpath() {
		return classpath;
	}

	@Override
	public void close() throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static void copyRecursively(Path source, Path target) throws IOException {
		if (!Files.isDirectory(source)) {
			Files.copy(source, target);
			return;
		}
		try (Stream<Path> paths = Files.walk(source)) {
			paths.forEach(path -> {
				try {
					Path copy = target.resolve(source.relativize(path).toString());
					if (Files.isDirectory(path)) {
						Files.createDirectories(copy);
					}
					else {
						Files.copy(path, copy);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Failed to copy " + path + " into the classpath snapshot", ex);
				}
			});
		}
	}
}
