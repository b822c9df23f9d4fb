package io.webpubsub.benchmarks.upstream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.webpubsub.benchmarks.support.BenchmarkSettings;
import io.webpubsub.benchmarks.support.ChildProcess;
import io.webpubsub.benchmarks.support.Comparison;
import io.webpubsub.benchmarks.support.Loopback;
import io.webpubsub.benchmarks.support.Report;
import io.webpubsub.benchmarks.support.Samples;
import io.webpubsub.benchmarks.support.Wrk;

/**
 * Signed {@code message} user events, as the service sends them, through three handlers: the starter's endpoint,
 * a plain {@code @PostMapping} in the same Spring application (the ceiling), and {@code @azure/web-pubsub-express}
 * 1.1.0 on Node.js with an HMAC check in front of it.
 */
public final class UpstreamComparison implements Comparison {

	private static final String ACCESS_KEY = "BenchmarkAccessKey0123456789abcdefghijklmnopq";

	private static final String CONNECTION_ID = "bench-connection";

	private static final String MESSAGE = "m".repeat(100);

	private static final List<String> SPRING_JVM_OPTIONS = List.of("-Xms512m", "-Xmx512m");

	private static final Wrk WRK = new Wrk(2, 32);

	private static final String STARTER = "starter endpoint";

	private static final String PLAIN = "plain @PostMapping";

	private static final String EXPRESS = "web-pubsub-express";

	private final Map<String, Samples> throughput = new LinkedHashMap<>();

	private final Map<String, Samples> p99 = new LinkedHashMap<>();

	private final Map<String, Samples> cpuPerTenThousand = new LinkedHashMap<>();

	/** A handler under load, the process that serves it, and how many cores that process can use. */
	private record Contender(String label, String url, ChildProcess server, int cores) {
	}

	@Override
	public String name() {
		return "upstream";
	}

	@Override
	public void run(BenchmarkSettings fullSettings, Report report) throws Exception {
		BenchmarkSettings settings = fullSettings.withRuns(Duration.ofSeconds(5), Duration.ofSeconds(5),
				Duration.ofSeconds(30));
		for (String label : List.of(STARTER, PLAIN, EXPRESS)) {
			throughput.put(label, new Samples());
			p99.put(label, new Samples());
			cpuPerTenThousand.put(label, new Samples());
		}

		for (int fork = 1; fork <= settings.forks(); fork++) {
			try (ChildProcess spring = startSpringApplication(); ChildProcess node = startExpressHandler()) {
				int springPort = readyPort(spring, Duration.ofSeconds(90));
				int nodePort = readyPort(node, Duration.ofSeconds(30));
				Contender starter = new Contender(STARTER, url(springPort, "/eventhandler"), spring, 2);
				Contender plain = new Contender(PLAIN, url(springPort, "/plain"), spring, 2);
				Contender express = new Contender(EXPRESS, url(nodePort, "/eventhandler/"), node, 1);
				List<Contender> contenders = List.of(starter, plain, express);
				for (Contender contender : contenders) {
					checkReply(contender);
				}

				warmUp(List.of(starter, plain), settings);
				warmUp(List.of(express), settings);
				for (int round = 0; round < settings.rounds(); round++) {
					for (Contender contender : contenders) {
						measure(contender, settings.run());
					}
				}
			}
		}
		write(report, settings);
	}

	private static ChildProcess startSpringApplication() {
		return ChildProcess.startJava("upstream-spring", System.getProperty("java.class.path"), SPRING_JVM_OPTIONS,
				UpstreamBenchmarkApplication.class.getName(), List.of(String.valueOf(Loopback.freePort())),
				Map.of(UpstreamBenchmarkApplication.ACCESS_KEY_VARIABLE, ACCESS_KEY));
	}

	private static ChildProcess startExpressHandler() {
		Path server = Loopback.benchmarksHome().resolve("express/server.js");
		return ChildProcess.start("upstream-express", List.of("node", server.toString()),
				Map.of("WEBPUBSUB_ACCESS_KEY", ACCESS_KEY));
	}

	private static int readyPort(ChildProcess process, Duration timeout) {
		String figures = process.awaitLine("READY", timeout);
		return Integer.parseInt(figures.replace("port=", "").trim());
	}

	private static String url(int port, String path) {
		return "http://" + Loopback.HOST + ":" + port + path;
	}

	/**
	 * Sends one event and checks the reply, so a handler that rejects the event or replies with something else
	 * fails the benchmark instead of being measured.
	 */
	private static void checkReply(Contender contender) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(contender.url()))
			.POST(HttpRequest.BodyPublishers.ofString(MESSAGE))
			.header("Content-Type", "text/plain; charset=utf-8");
		eventHeaders().forEach(request::header);
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200 || !response.body().equals(MESSAGE)) {
			throw new IllegalStateException(contender.label() + " at " + contender.url() + " replied "
					+ response.statusCode() + " '" + response.body() + "' instead of 200 with the message text");
		}
	}

	private static Map<String, String> eventHeaders() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("ce-specversion", "1.0");
		headers.put("ce-awpsversion", "1.0");
		headers.put("ce-type", "azure.webpubsub.user.message");
		headers.put("ce-source", "/hubs/" + UpstreamBenchmarkApplication.HUB + "/client/" + CONNECTION_ID);
		headers.put("ce-id", "1");
		headers.put("ce-hub", UpstreamBenchmarkApplication.HUB);
		headers.put("ce-connectionId", CONNECTION_ID);
		headers.put("ce-userId", "bench-user");
		headers.put("ce-eventName", "message");
		headers.put("ce-signature", signature());
		headers.put("WebHook-Request-Origin", "bench.webpubsub.azure.com");
		return headers;
	}

	private static String signature() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(ACCESS_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(CONNECTION_ID.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * Loads the contenders in turn until each one's last two runs agree, or the warm-up limit passes.
	 */
	private static void warmUp(List<Contender> contenders, BenchmarkSettings settings) {
		Map<String, Double> previous = new LinkedHashMap<>();
		long deadline = System.nanoTime() + settings.warmupLimit().toNanos();
		while (true) {
			boolean allStable = true;
			for (Contender contender : contenders) {
				double current = load(contender, settings.warmupRun()).requestsPerSecond();
				Double last = previous.put(contender.label(), current);
				allStable &= last != null && BenchmarkSettings.isStable(last, current);
			}
			if (allStable || System.nanoTime() > deadline) {
				return;
			}
		}
	}

	private void measure(Contender contender, Duration run) {
		double cpuBefore = contender.server().cpuSeconds();
		Wrk.Result result = load(contender, run);
		double cpuSeconds = contender.server().cpuSeconds() - cpuBefore;

		throughput.get(contender.label()).add(result.requestsPerSecond());
		p99.get(contender.label()).add(result.p99Millis());
		cpuPerTenThousand.get(contender.label()).add(cpuSeconds / result.requests() * 10_000);
	}

	private static Wrk.Result load(Contender contender, Duration run) {
		Path script = Loopback.benchmarksHome().resolve("wrk/message-event.lua");
		return WRK.run(contender.url(), run, script,
				List.of(UpstreamBenchmarkApplication.HUB, CONNECTION_ID, signature()));
	}

	private void write(Report report, BenchmarkSettings settings) {
		report.heading("Upstream handler: signed message events");
		report.paragraph(String.format(Locale.ROOT, "wrk -t%d -c%d --latency, %d s runs, %d fresh process pair(s), "
				+ "%d alternating run(s) per contender in each, after a warm-up of up to %d s. Each event has a "
				+ "100-byte text body and a valid ce-signature; each handler checks the signature and replies with "
				+ "the text. The Spring application runs with %s and could use both cores; Node.js runs its "
				+ "JavaScript on one core. wrk shares the two cores with the servers.", WRK.threads(),
				WRK.connections(), settings.run().toSeconds(), settings.forks(), settings.rounds(),
				settings.warmupLimit().toSeconds(), String.join(" ", SPRING_JVM_OPTIONS)));

		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("handler", "requests/s", "p99 ms", "server CPU s per 10k requests"));
		for (String label : throughput.keySet()) {
			rows.add(List.of(label, throughput.get(label).describe("%,.0f"), p99.get(label).describe("%.2f"),
					cpuPerTenThousand.get(label).describe("%.3f")));
		}
		report.table(rows);

		double starter = throughput.get(STARTER).median();
		report.table(List.of(List.of("ratio", "figure"),
				List.of("starter / plain @PostMapping, throughput",
						Report.verdict(starter / throughput.get(PLAIN).median(), ">=", 0.90)),
				List.of("starter / plain @PostMapping, p99 latency",
						Report.verdict(p99.get(STARTER).median() / p99.get(PLAIN).median(), "<=", 1.2)),
				List.of("starter / web-pubsub-express, throughput",
						Report.verdict(starter / throughput.get(EXPRESS).median(), ">=", 3.0))));
	}
}
