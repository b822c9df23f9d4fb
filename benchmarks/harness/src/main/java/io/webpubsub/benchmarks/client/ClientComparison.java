package io.webpubsub.benchmarks.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.webpubsub.benchmarks.support.BenchmarkSettings;
import io.webpubsub.benchmarks.support.ChildProcess;
import io.webpubsub.benchmarks.support.Comparison;
import io.webpubsub.benchmarks.support.Loopback;
import io.webpubsub.benchmarks.support.Report;
import io.webpubsub.benchmarks.support.Samples;

/**
 * {@code sendToAll} of a 1 KB JSON message to a loopback {@link HttpSink} with 1 and 16 callers, through the
 * starter's service client, raw OkHttp sending a prebuilt request (the ceiling), and {@code azure-messaging-webpubsub}
 * 1.4.0 with its default HTTP client; then client access token minting of the starter against the SDK with JMH.
 */
public final class ClientComparison implements Comparison {

	private static final String ACCESS_KEY = "BenchmarkAccessKey0123456789abcdefghijklmnopq";

	/** Every JVM of the comparison, the JMH forks included, gets the same fixed heap. */
	private static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx256m");

	private static final int MESSAGE_BYTES = 1024;

	private static final List<Integer> CALLER_COUNTS = List.of(1, 16);

	private static final int WARMUP_CALLERS = 16;

	private static final String SDK_DRIVER = "io.webpubsub.benchmarks.sdk.SdkLoadDriver";

	private static final String STARTER = "starter";

	private static final String OKHTTP = "okhttp";

	private static final String AZURE_SDK = "azure-sdk";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * The processes count as idle below this share of one core, which is one 10 ms clock tick of Linux's CPU
	 * accounting per probe. The SDK's driver kept using CPU for up to 2 s after a 16-caller run, which would otherwise
	 * slow down whichever contender ran next.
	 */
	private static final double IDLE_CORE_SHARE = 0.1;

	private static final Duration IDLE_PROBE = Duration.ofMillis(200);

	private static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(5);

	/** A contender, named as its driver's {@code run} command names it, and the process that drives it. */
	private record Contender(String name, ChildProcess driver) {
	}

	/** The samples of one contender at one caller count. */
	private record Figures(Samples throughput, Samples p99Millis, Samples cpuPerTenThousand, Samples sinkCorePercent) {

		Figures() {
			this(new Samples(), new Samples(), new Samples(), new Samples());
		}
	}

	private final Map<Integer, Map<String, Figures>> figuresByCallers = new LinkedHashMap<>();

	@Override
	public String name() {
		return "client";
	}

	@Override
	public void run(BenchmarkSettings fullSettings, Report report) throws Exception {
		// Short runs keep the full method near 4 minutes for its 54 measured runs, and the quick mode near 30 s. The
		// clients needed 15 to 20 s of load before their throughput settled, so the full warm-up may take 24 s.
		BenchmarkSettings settings = fullSettings.quick()
				? new BenchmarkSettings(true, fullSettings.forks(), fullSettings.rounds(), Duration.ofMillis(1500),
						Duration.ofSeconds(1), fullSettings.warmupLimit())
				: fullSettings.withRuns(Duration.ofMillis(1500), Duration.ofSeconds(2), Duration.ofSeconds(24));
		for (int callers : CALLER_COUNTS) {
			Map<String, Figures> figures = new LinkedHashMap<>();
			List.of(STARTER, OKHTTP, AZURE_SDK).forEach((name) -> figures.put(name, new Figures()));
			figuresByCallers.put(callers, figures);
		}

		String message = jsonMessage();
		for (int fork = 1; fork <= settings.forks(); fork++) {
			measureFork(settings, message);
		}
		// The load figures are written before JMH runs, so a failure there does not lose them.
		writeLoad(report, settings);
		writeTokens(report, settings, TokenMintingRun.run(settings, JVM_OPTIONS));
	}

	/** Measures every contender in a fresh sink and fresh driver processes. */
	private void measureFork(BenchmarkSettings settings, String message) throws InterruptedException {
		try (ChildProcess sink = ChildProcess.startJava("client-sink", JVM_OPTIONS, HttpSink.class, List.of())) {
			String port = sink.awaitLine("READY", START_TIMEOUT).replace("port=", "").trim();
			List<String> arguments = List.of(port, ACCESS_KEY, message);
			try (ChildProcess ours = ChildProcess.startJava("client-starter", JVM_OPTIONS, ClientLoadDriver.class,
					arguments);
					ChildProcess sdk = ChildProcess.startJava("client-azure-sdk", Loopback.azureSdkClasspath(),
							JVM_OPTIONS, SDK_DRIVER, arguments)) {
				ours.awaitLine("READY", START_TIMEOUT);
				sdk.awaitLine("READY", START_TIMEOUT);
				List<Contender> contenders = List.of(new Contender(STARTER, ours), new Contender(OKHTTP, ours),
						new Contender(AZURE_SDK, sdk));
				List<ChildProcess> processes = List.of(sink, ours, sdk);

				warmUp(contenders, sink, processes, settings);
				for (int callers : CALLER_COUNTS) {
					for (int round = 0; round < settings.rounds(); round++) {
						// Each round starts with the next contender, so none of them always follows the same one.
						for (int index = 0; index < contenders.size(); index++) {
							Contender contender = contenders.get((round + index) % contenders.size());
							record(figuresByCallers.get(callers).get(contender.name()),
									load(contender, sink, processes, callers, settings.run()));
						}
					}
				}
			}
		}
	}

	/**
	 * Loads the contenders in turn with {@value #WARMUP_CALLERS} callers until each one's last two runs agree, or
	 * the warm-up limit passes. Every contender gets at least one warm-up run.
	 */
	private static void warmUp(List<Contender> contenders, ChildProcess sink, List<ChildProcess> processes,
			BenchmarkSettings settings) throws InterruptedException {
		Map<String, Double> previous = new LinkedHashMap<>();
		long deadline = System.nanoTime() + settings.warmupLimit().toNanos();
		while (true) {
			boolean allStable = true;
			for (Contender contender : contenders) {
				double current = load(contender, sink, processes, WARMUP_CALLERS, settings.warmupRun()).throughput();
				Double last = previous.put(contender.name(), current);
				allStable &= last != null && BenchmarkSettings.isStable(last, current);
			}
			if (allStable || System.nanoTime() > deadline) {
				return;
			}
		}
	}

	/** The figures of one run, with the sink's CPU time as a share of one core. */
	private record Run(long requests, double throughput, double p99Millis, double cpuSeconds,
			double sinkCorePercent) {
	}

	/**
	 * Runs one contender and checks that the sink responded to exactly the requests the driver counted, so a client
	 * that retried or sent more than one request per call cannot inflate or hide its figures.
	 */
	private static Run load(Contender contender, ChildProcess sink, List<ChildProcess> processes, int callers,
			Duration length) throws InterruptedException {
		awaitIdle(processes);
		long sinkBefore = sinkRequests(sink);
		double sinkCpuBefore = sink.cpuSeconds();
		String command = String.format(Locale.ROOT, "run %s %d %.3f", contender.name(), callers,
				length.toMillis() / 1000.0);
		Map<String, String> result = contender.driver().request(command, length.plusSeconds(60));
		double sinkCpu = sink.cpuSeconds() - sinkCpuBefore;
		long sinkResponded = sinkRequests(sink) - sinkBefore;

		long requests = Long.parseLong(result.get("requests"));
		if (requests != sinkResponded) {
			throw new IllegalStateException(contender.name() + " counted " + requests + " requests with " + callers
					+ " callers, but the sink responded to " + sinkResponded + "; see " + contender.driver());
		}
		if (requests == 0) {
			throw new IllegalStateException(contender.name() + " completed no request with " + callers
					+ " callers in " + length.toMillis() + " ms; see " + contender.driver());
		}
		double seconds = requests / Double.parseDouble(result.get("throughput"));
		return new Run(requests, Double.parseDouble(result.get("throughput")),
				Double.parseDouble(result.get("p99_ms")), Double.parseDouble(result.get("cpu_seconds")),
				sinkCpu / seconds * 100);
	}

	/**
	 * Waits until every process of the comparison is idle, so work left over from one run does not take CPU from
	 * the next. After {@link #MAX_IDLE_WAIT} the run starts anyway.
	 */
	private static void awaitIdle(List<ChildProcess> processes) throws InterruptedException {
		long deadline = System.nanoTime() + MAX_IDLE_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			double before = totalCpuSeconds(processes);
			Thread.sleep(IDLE_PROBE.toMillis());
			double used = totalCpuSeconds(processes) - before;
			if (used < IDLE_CORE_SHARE * IDLE_PROBE.toMillis() / 1000.0) {
				return;
			}
		}
	}

	private static double totalCpuSeconds(List<ChildProcess> processes) {
		double total = 0;
		for (ChildProcess process : processes) {
			total += process.cpuSeconds();
		}
		return total;
	}

	private static long sinkRequests(ChildProcess sink) {
		return Long.parseLong(sink.request("requests", Duration.ofSeconds(10)).get("requests"));
	}

	private static void record(Figures figures, Run run) {
		figures.throughput().add(run.throughput());
		figures.p99Millis().add(run.p99Millis());
		figures.cpuPerTenThousand().add(run.cpuSeconds() / run.requests() * 10_000);
		figures.sinkCorePercent().add(run.sinkCorePercent());
	}

	/** Returns a JSON object of exactly {@value #MESSAGE_BYTES} bytes in UTF-8. */
	static String jsonMessage() {
		String head = "{\"type\":\"benchmark\",\"sequence\":1,\"text\":\"";
		String tail = "\"}";
		StringBuilder json = new StringBuilder(head);
		int textLength = MESSAGE_BYTES - head.length() - tail.length();
		for (int index = 0; index < textLength; index++) {
			json.append((char) ('a' + index % 26));
		}
		String message = json.append(tail).toString();
		if (message.getBytes(StandardCharsets.UTF_8).length != MESSAGE_BYTES) {
			throw new IllegalStateException("The benchmark message is not " + MESSAGE_BYTES + " bytes long");
		}
		return message;
	}

	private void writeLoad(Report report, BenchmarkSettings settings) {
		report.heading("Service client: sendToAll and client access tokens");
		report.paragraph(String.format(Locale.ROOT, "Each contender sends a %d-byte JSON message with sendToAll to "
				+ "hub '%s' of a loopback HTTP/1.1 sink (Netty, one event loop thread, its own process, 202 Accepted "
				+ "with an empty body). Callers are platform threads, each sending one blocking request after another. "
				+ "starter: WebPubSubServiceClient with its defaults. okhttp (the ceiling): raw OkHttp with a "
				+ "connection pool and dispatcher sized for 16 callers, sending one prebuilt request with the same URL, "
				+ "bearer token and body. azure-sdk: azure-messaging-webpubsub 1.4.0 with its default HTTP client "
				+ "(azure-core-http-netty), sendToAllWithResponse with BinaryData and APPLICATION_JSON. starter and "
				+ "okhttp share one driver process, azure-sdk has its own. Every JVM runs with %s on Java %s. Runs "
				+ "last %.1f s. Each of %d fresh set(s) of sink and driver processes is warmed with %d callers until "
				+ "two consecutive runs per contender agree within 5%% (at most about %d s), then measures %d "
				+ "alternating run(s) per contender and caller count. Each round starts with the next contender, and "
				+ "each run waits until the sink and both drivers are idle. Figures are medians with the range over "
				+ "runs. CPU is the driver process's, and the sink column is the sink's CPU time as a share of one "
				+ "core. The driver and the sink share the machine's 2 cores.", MESSAGE_BYTES, ClientLoadDriver.HUB,
				String.join(" ", JVM_OPTIONS),
				System.getProperty("java.version"), settings.run().toMillis() / 1000.0, settings.forks(),
				WARMUP_CALLERS, settings.warmupLimit().toSeconds(), settings.rounds()));

		for (int callers : CALLER_COUNTS) {
			List<List<String>> rows = new ArrayList<>();
			rows.add(List.of("contender, " + callers + (callers == 1 ? " caller" : " callers"), "requests/s",
					"p99 ms", "driver CPU s per 10k requests", "sink CPU, % of one core"));
			figuresByCallers.get(callers).forEach((name, figures) -> rows.add(List.of(name,
					figures.throughput().describe("%,.0f"), figures.p99Millis().describe("%.2f"),
					figures.cpuPerTenThousand().describe("%.3f"), figures.sinkCorePercent().describe("%.0f"))));
			report.table(rows);
		}

		report.table(List.of(List.of("ratio of median throughput", "1 caller", "16 callers"),
				List.of("starter / okhttp", verdict(1, OKHTTP, 0.95), verdict(16, OKHTTP, 0.95)),
				List.of("starter / azure-sdk", verdict(1, AZURE_SDK, 2.0), verdict(16, AZURE_SDK, 1.5))));
	}

	private static void writeTokens(Report report, BenchmarkSettings settings,
			Map<String, TokenMintingRun.Score> tokens) {
		TokenMintingRun.Score starter = tokens.get("starter");
		TokenMintingRun.Score azureSdk = tokens.get("azureSdk");
		report.paragraph("Client access token minting with the access key, JMH 1.37 Mode.Throughput, "
				+ String.join(" ", TokenMintingRun.jmhOptions(settings)) + ", forks with "
				+ String.join(" ", JVM_OPTIONS) + ": the same user id, two roles, two groups and a 60-minute "
				+ "lifetime. Both clients mint locally without a request. Scores are JMH's mean ± its 99.9% confidence "
				+ "interval, with the median and range over iterations.");
		report.table(List.of(List.of("method", "tokens per " + starter.unit().replace("ops/", ""),
				"iterations: median (range)"),
				tokenRow("starter getClientAccessToken", starter),
				tokenRow("azure-sdk getClientAccessToken", azureSdk),
				List.of("starter / azure-sdk", Report.verdict(starter.score() / azureSdk.score(), ">=", 2.0), "")));
	}

	private String verdict(int callers, String baseline, double target) {
		Map<String, Figures> figures = figuresByCallers.get(callers);
		double ratio = figures.get(STARTER).throughput().median() / figures.get(baseline).throughput().median();
		return Report.verdict(ratio, ">=", target);
	}

	private static List<String> tokenRow(String label, TokenMintingRun.Score score) {
		String error = Double.isNaN(score.error()) ? "" : String.format(Locale.ROOT, " ± %,.1f", score.error());
		return List.of(label, String.format(Locale.ROOT, "%,.1f%s", score.score(), error),
				score.iterations().describe("%,.1f"));
	}
}
