package io.webpubsub.benchmarks.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * Addresses and paths the benchmarks use; all traffic stays on 127.0.0.1.
 */
public final class Loopback {

	public static final String HOST = "127.0.0.1";

	private Loopback() {
	}

	/**
	 * Returns a loopback port that was free a moment ago, for a child process to listen on.
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to find a free loopback port", ex);
		}
	}

	/**
	 * Returns the benchmarks folder of the source tree, which contains the Node.js contender and the wrk scripts.
	 */
	public static Path benchmarksHome() {
		return Path.of(System.getProperty("benchmarks.home", ".")).toAbsolutePath().normalize();
	}

	/**
	 * Returns the classpath of the official SDK's module, which runs in processes of its own.
	 */
	public static String azureSdkClasspath() {
		String classpath = System.getProperty("benchmarks.azure-sdk.classpath");
		if (classpath == null || classpath.isBlank()) {
			throw new IllegalStateException("The system property 'benchmarks.azure-sdk.classpath' is not set; "
					+ "start the benchmarks with benchmarks/run, which sets it");
		}
		return classpath;
	}
}
