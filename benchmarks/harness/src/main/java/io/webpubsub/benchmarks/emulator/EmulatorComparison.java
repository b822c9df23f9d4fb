package io.webpubsub.benchmarks.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.webpubsub.benchmarks.support.BenchmarkSettings;
import io.webpubsub.benchmarks.support.ChildProcess;
import io.webpubsub.benchmarks.support.Comparison;
import io.webpubsub.benchmarks.support.Loopback;
import io.webpubsub.benchmarks.support.Report;
import io.webpubsub.benchmarks.support.Samples;
import io.webpubsub.emulator.WebPubSubEmulator;
import org.jspecify.annotations.Nullable;

/**
 * The emulator comparison: {@code sendToAll} of 1 KB messages to 1,000 {@code json.webpubsub.azure.v1} clients of
 * the emulator and of {@link BroadcastCeilingServer}, and the emulator's heap per idle connection.
 *
 * <p>Each fork starts both servers and one {@link BroadcastLoadGenerator} per server, each in a JVM of its own. The
 * two load processes run the same code with the same options, so the clients cost the same for both servers. After
 * warming each pair, the comparison measures the emulator and the ceiling in alternation.
 */
public final class EmulatorComparison implements Comparison {

	static final int CLIENTS = 1000;

	/**
	 * Messages in flight. One message at a time would leave the server idle during every REST round trip, and every
	 * message beyond what keeps the server busy only waits in socket buffers, which adds to the latency. In trial runs
	 * on a 2-core machine, 4 and 8 gave about the same throughput; 8 keeps the servers busy when the sending thread is
	 * descheduled for a while.
	 */
	static final int WINDOW = 8;

	private static final String HUB = "bench";

	/** The emulator's public development key: every process listens on the loopback address only. */
	private static final String ACCESS_KEY = WebPubSubEmulator.DEFAULT_ACCESS_KEY;

	private static final String LOGGING = "-Dlogback.configurationFile=io/webpubsub/benchmarks/emulator/logback-stderr.xml";

	private static final List<String> JVM_OPTIONS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", LOGGING);

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);

	/** Margin beyond a run's length for the drain and stall waits of the load process. */
	private static final Duration RUN_MARGIN = Duration.ofSeconds(40);

	private static final Duration SETTLE_AFTER_DISCONNECT = Duration.ofSeconds(1);

	private static final String CONNECTION_CLASS = "io.webpubsub.emulator.client.WebSocketConnection";

	private static final int LISTED_CLASSES = 10;

	private static final double RATIO_TARGET = 0.70;

	private static final double HEAP_TARGET_BYTES = 16 * 1024;

	@Override
	public String name() {
		return "emulator";
	}

	@Override
	public void run(BenchmarkSettings settings, Report report) throws Exception {
		// Shorter runs than the default keep three forks of both servers near four minutes.
		BenchmarkSettings effective = settings.withRuns(Duration.ofSeconds(5), Duration.ofSeconds(3),
				Duration.ofSeconds(12));
		Contender emulator = new Contender("emulator");
		Contender ceiling = new Contender("Netty broadcast ceiling");
		HeapFigures heap = new HeapFigures();
		Path benchmarksHome = Loopback.benchmarksHome();
		Path sourceTree = (benchmarksHome.getParent() != null) ? benchmarksHome.getParent() : benchmarksHome;
		try (ClasspathSnapshot snapshot = ClasspathSnapshot.of(System.getProperty("java.class.path"), sourceTree)) {
			for (int fork = 1; fork <= effective.forks(); fork++) {
				runFork(effective, snapshot.classpath(), emulator, ceiling, heap);
			}
		}
		report(effective, report, emulator, ceiling, heap);
	}

	private static void runFork(BenchmarkSettings settings, String classpath, Contender emulator, Contender ceiling,
			HeapFigures heap) throws Exception {
		try (ChildProcess emulatorServer = startJava("emulator-server", classpath, EmulatorProcess.class,
				List.of("0", ACCESS_KEY));
				ChildProcess ceilingServer = startJava("ceiling-server", classpath, BroadcastCeilingServer.class,
						List.of("0"))) {
			int emulatorPort = readyPort(emulatorServer);
			int ceilingPort = readyPort(ceilingServer);
			try (ChildProcess emulatorLoad = startLoad("emulator-load", classpath, emulatorPort);
					ChildProcess ceilingLoad = startLoad("ceiling-load", classpath, ceilingPort)) {
				emulatorLoad.awaitLine("READY", STARTUP_TIMEOUT);
				ceilingLoad.awaitLine("READY", STARTUP_TIMEOUT);
				emulator.attach(emulatorServer, emulatorLoad);
				ceiling.attach(ceilingServer, ceilingLoad);

				// The ceiling's clients connect meanwhile to save time. The histograms count the emulator's heap only.
				CompletableFuture<?> ceilingConnected = CompletableFuture
					.runAsync(() -> ceilingLoad.request("connect", CONNECT_TIMEOUT));
				measureHeap(settings, emulatorServer, emulatorLoad, heap);
				ceilingConnected.get();

				emulator.warmUp(settings);
				ceiling.warmUp(settings);
				for (int round = 0; round < settings.rounds(); round++) {
					emulator.measure(settings.run(), true);
					ceiling.measure(settings.run(), true);
				}
			}
		}
	}

	private static ChildProcess startLoad(String name, String classpath, int port) {
		return startJava(name, classpath, BroadcastLoadGenerator.class, List.of("http://" + Loopback.HOST + ":" + port,
				ACCESS_KEY, HUB, Integer.toString(CLIENTS), Integer.toString(WINDOW)));
	}

	private static ChildProcess startJava(String name, String classpath, Class<?> mainClass, List<String> arguments) {
		return ChildProcess.startJava(name, classpath, JVM_OPTIONS, mainClass.getName(), arguments);
	}

	private static int readyPort(ChildProcess server) {
		String figures = server.awaitLine("READY", STARTUP_TIMEOUT);
		if (!figures.startsWith("port=")) {
			throw new IllegalStateException(server + " printed READY without a port: " + figures);
		}
		return Integer.parseInt(figures.substring("port=".length()));
	}

	/**
	 * Takes class histograms of the emulator with no client and with every client connected and idle. In the full
	 * method the clients connect and disconnect once before, so the figure leaves out state that the first
	 * connection creates once. The quick mode skips that to save time.
	 */
	private static void measureHeap(BenchmarkSettings settings, ChildProcess server, ChildProcess load,
			HeapFigures heap) throws Exception {
		if (!settings.quick()) {
			load.request("connect", CONNECT_TIMEOUT);
			load.request("disconnect", CONNECT_TIMEOUT);
			Thread.sleep(SETTLE_AFTER_DISCONNECT.toMillis());
		}
		ClassHistogram empty = ClassHistogram.of(server.pid());
		load.request("connect", CONNECT_TIMEOUT);
		ClassHistogram connected = ClassHistogram.of(server.pid());
		heap.add(empty, connected);
	}

	private static void report(BenchmarkSettings settings, Report report, Contender emulator, Contender ceiling,
			HeapFigures heap) {
		report.heading("Emulator: sendToAll of 1 KB messages to 1,000 clients");
		report.paragraph(String.format(Locale.ROOT, """
				Each fork starts, each in a JVM of its own, the emulator, the ceiling and one load process per \
				server. The ceiling is a minimal Netty server that encodes each broadcast frame once and writes \
				retained duplicates of it to a ChannelGroup. All JVMs run with `%s`, and both servers use Netty's \
				default of %d event-loop threads. Each load process keeps %,d `json.webpubsub.azure.v1` clients \
				open on Netty and sends 1 KB JSON messages with the starter's `WebPubSubServiceClient.sendToAll` \
				from one thread, with %d messages in flight: the next message leaves when an earlier one has \
				reached every client. Every client checks that it receives each message once and in order. Latency \
				runs from just before the REST call to the client's receipt, on the load process's clock. The \
				emulator checks the HS256 token of every REST call and client, and the ceiling checks none. Each \
				pair is warmed with runs of %d s until two in a row agree within 5%% (at most %d s), then the \
				servers are measured in alternation (runs per server and fork: %d, run length: %d s, forks: %d). \
				Server CPU is the server process's CPU time during a run, and load CPU is the load process's. Losses count over \
				warm-up and measured runs. Servers and load share %d cores.""",
				String.join(" ", JVM_OPTIONS.subList(0, 3)), 2 * Runtime.getRuntime().availableProcessors(),
				CLIENTS, WINDOW, settings.warmupRun().toSeconds(), settings.warmupLimit().toSeconds(),
				settings.rounds(), settings.run().toSeconds(), settings.forks(),
				Runtime.getRuntime().availableProcessors()));

		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("Server", "Deliveries/s, median (range)", "p99 ms, median (range)",
				"Server CPU s per 100k deliveries", "Load CPU s per run", "Losses, out of order, stalled runs"));
		rows.add(emulator.row());
		rows.add(ceiling.row());
		report.table(rows);

		double throughputRatio = emulator.deliveriesPerSecond.median() / ceiling.deliveriesPerSecond.median();
		double latencyRatio = emulator.p99Millis.median() / ceiling.p99Millis.median();
		double cpuRatio = ceiling.serverCpuPer100k.median() / emulator.serverCpuPer100k.median();
		report.paragraph(String.format(Locale.ROOT, """
				Deliveries/s, emulator / ceiling: %s. p99 latency, emulator / ceiling: %.2f (lower is better). \
				Server CPU per delivery, ceiling / emulator: %.2f (no target; it depends less than the rates on \
				other load of the machine).""", Report.verdict(throughputRatio, ">=", RATIO_TARGET), latencyRatio,
				cpuRatio));
		heap.report(report, settings.quick());
	}

	/** One server and its load process, with the figures of its measured runs. */
	private static final class Contender {

		private final String name;

		private final Samples deliveriesPerSecond = new Samples();

		private final Samples p99Millis = new Samples();

		private final Samples serverCpuPer100k = new Samples();

		private final Samples loadCpuSeconds = new Samples();

		/** Lost messages, out-of-order or malformed frames, and stalled runs, over warm-up and measured runs. */
		private long losses;

		private long outOfOrder;

		private long stalledRuns;

		private @Nullable ChildProcess server;

		private @Nullable ChildProcess load;

		Contender(String name) {
			this.name = name;
		}

		void attach(ChildProcess server, ChildProcess load) {
			this.server = server;
			this.load = load;
		}

		/** Runs warm-up runs until two in a row agree within 5%, or the warm-up limit passes. */
		void warmUp(BenchmarkSettings settings) {
			long deadline = System.nanoTime() + settings.warmupLimit().toNanos();
			double previous = Double.NaN;
			do {
				double current = measure(settings.warmupRun(), false);
				if (BenchmarkSettings.isStable(previous, current)) {
					return;
				}
				previous = current;
			}
			while (System.nanoTime() < deadline);
		}

		/** Runs the load for the given time and returns the deliveries per second, which it also records when asked. */
		double measure(Duration length, boolean record) {
			ChildProcess server = Objects.requireNonNull(this.server, "attach the processes first");
			ChildProcess load = Objects.requireNonNull(this.load, "attach the processes first");
			double serverCpuBefore = server.cpuSeconds();
			Map<String, String> figures = load.request(String.format(Locale.ROOT, "run %.3f", length.toMillis() / 1e3),
					length.plus(RUN_MARGIN));
			double serverCpu = server.cpuSeconds() - serverCpuBefore;

			losses += Long.parseLong(figures.get("losses"));
			outOfOrder += Long.parseLong(figures.get("out_of_order")) + Long.parseLong(figures.get("malformed"));
			stalledRuns += Long.parseLong(figures.get("stalled"));
			double rate = Double.parseDouble(figures.get("deliveries_per_second"));
			if (record) {
				long deliveries = Long.parseLong(figures.get("deliveries"));
				deliveriesPerSecond.add(rate);
				p99Millis.add(Double.parseDouble(figures.get("p99_ms")));
				serverCpuPer100k.add(deliveries > 0 ? serverCpu / deliveries * 100_000 : Double.NaN);
				loadCpuSeconds.add(Double.parseDouble(figures.get("cpu_seconds")));
			}
			return rate;
		}

		List<String> row() {
			return List.of(name, deliveriesPerSecond.describe("%,.0f"), p99Millis.describe("%.2f"),
					serverCpuPer100k.describe("%.2f"), loadCpuSeconds.describe("%.2f"),
					losses + ", " + outOfOrder + ", " + stalledRuns);
		}
	}

	/** The emulator's heap per idle connection, per fork, and the classes that grew, summed over forks. */
	private static final class HeapFigures {

		private final Samples bytesPerConnection = new Samples();

		private final Map<String, long[]> growthByClass = new LinkedHashMap<>();

		private long connectionsLeftWithoutClients;

		private int forks;

		void add(ClassHistogram empty, ClassHistogram connected) {
			bytesPerConnection.add((connected.totalBytes() - empty.totalBytes()) / (double) CLIENTS);
			connectionsLeftWithoutClients += empty.instancesOf(CONNECTION_CLASS);
			for (ClassHistogram.Growth growth : connected.largestGrowth(empty, Integer.MAX_VALUE)) {
				long[] sums = growthByClass.computeIfAbsent(growth.className(), key -> new long[2]);
				sums[0] += growth.bytes();
				sums[1] += growth.instances();
			}
			forks++;
		}

		void report(Report report, boolean quick) {
			report.paragraph(String.format(Locale.ROOT, """
					Heap per idle connection of the emulator: %s bytes, median (range) over forks, in KiB %s. \
					The figure is the growth of the Total line of `jcmd <pid> GC.class_histogram`, which runs a \
					full GC first, from no client to %,d idle clients, %s, divided by the clients. Netty's pooled \
					direct buffers are outside the Java heap and not counted. %sThe classes that grew most, as the \
					mean over forks:""",
					bytesPerConnection.describe("%,.0f"),
					Report.verdict(bytesPerConnection.median() / 1024, "<=", HEAP_TARGET_BYTES / 1024), CLIENTS,
					quick ? "in a fresh emulator" : "after the clients have connected and disconnected once",
					connectionsLeftWithoutClients == 0 ? ""
							: "NOTE: " + connectionsLeftWithoutClients + " connections of the emulator were still on "
									+ "the heap with no client, which lowers the figure. "));

			List<Map.Entry<String, long[]>> largest = new ArrayList<>(growthByClass.entrySet());
			largest.sort((left, right) -> Long.compare(right.getValue()[0], left.getValue()[0]));
			List<List<String>> rows = new ArrayList<>();
			rows.add(List.of("Class", "Bytes per connection", "Instances per connection"));
			for (Map.Entry<String, long[]> entry : largest.subList(0, Math.min(LISTED_CLASSES, largest.size()))) {
				double perConnection = (double) forks * CLIENTS;
				rows.add(List.of("`" + entry.getKey() + "`",
						String.format(Locale.ROOT, "%,.0f", entry.getValue()[0] / perConnection),
						String.format(Locale.ROOT, "%.2f", entry.getValue()[1] / perConnection)));
			}
			report.table(rows);
		}
	}
}
