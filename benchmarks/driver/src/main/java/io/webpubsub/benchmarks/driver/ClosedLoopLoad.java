package io.webpubsub.benchmarks.driver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;


/**
 * A closed-loop load: each caller is a platform thread that sends one blocking request after another until the run
 * ends, so the throughput is what the client sustains with that many callers.
 *
 * <p>It lives in the driver module so the harness's drivers and the official SDK's driver share it, and every
 * contender is measured alike.
 */
public final class ClosedLoopLoad {

	/** The highest latency the histograms track; a slower request is recorded as one minute. */
	private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(1);

	/** One blocking request, which throws when it fails or its response is not a success. */
	@FunctionalInterface
	public interface BlockingCall {

		void send() throws Exception;

	}

	private ClosedLoopLoad() {
	}

	/**
	 * Runs the callers for the given time and returns the figures {@code requests}, {@code throughput} (requests per
	 * second), {@code p99_ms} and {@code cpu_seconds}, the CPU time this process used during the run.
	 *
	 * @throws IllegalStateException if any request failed, because then the figures would not measure sends
	 */
	public static Map<String, Object> run(BlockingCall call, int callers, Duration duration) throws InterruptedException {
		if (callers < 1) {
			throw new IllegalArgumentException("'callers' value " + callers + " is below 1");
		}
		CountDownLatch start = new CountDownLatch(1);
		AtomicReference<Exception> firstFailure = new AtomicReference<>();
		List<Histogram> latencies = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		long[] deadline = new long[1];
		for (int index = 0; index < callers; index++) {
			Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
			latencies.add(histogram);
			Thread thread = new Thread(() -> callInLoop(call, start, deadline, histogram, firstFailure),
					"caller-" + (index + 1));
			threads.add(thread);
			thread.start();
		}

		double cpuBefore = DriverLoop.processCpuSeconds();
		long startNanos = System.nanoTime();
		deadline[0] = startNanos + duration.toNanos();
		start.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		long elapsedNanos = System.nanoTime() - startNanos;
		double cpuSeconds = DriverLoop.processCpuSeconds() - cpuBefore;

		if (firstFailure.get() != null) {
			throw new IllegalStateException("A request failed during the run: " + firstFailure.get(),
					firstFailure.get());
		}
		Histogram total = new Histogram(MAX_LATENCY_MICROS, 3);
		latencies.forEach(total::add);
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("requests", total.getTotalCount());
		figures.put("throughput", total.getTotalCount() / (elapsedNanos / 1e9));
		figures.put("p99_ms", total.getValueAtPercentile(99.0) / 1000.0);
		figures.put("cpu_seconds", cpuSeconds);
		return figures;
	}

	/**
	 * Sends requests until the deadline and records each latency. The first failure stops this caller, and the run
	 * then fails as a whole.
	 */
	private static void callInLoop(BlockingCall call, CountDownLatch start, long[] deadline, Histogram histogram,
			AtomicReference<Exception> firstFailure) {
		try {
			start.await();
			// The latch publishes the deadline that the main thread wrote before counting down.
			long end = deadline[0];
			long now = System.nanoTime();
			while (now < end) {
				call.send();
				long finished = System.nanoTime();
				histogram.recordValue(Math.min((finished - now) / 1000, MAX_LATENCY_MICROS));
				now = finished;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			firstFailure.compareAndSet(null, ex);
		}
		catch (Exception ex) {
			firstFailure.compareAndSet(null, ex);
		}
	}
}
