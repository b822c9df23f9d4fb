package io.webpubsub.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.webpubsub.benchmarks.driver.DriverLoop;
import io.webpubsub.emulator.WebPubSubEmulator;
import io.webpubsub.spring.eventhandler.WebPubSubEventListener;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;
import org.springframework.stereotype.Component;

/**
 * One startup measured in a fresh JVM, printed as a {@code RESULT} line; the process then exits.
 *
 * <p>{@code starter} starts a Spring MVC application with the starter's auto-configuration, a connection string
 * and one listener. {@code baseline} starts the same application with the starter's auto-configurations excluded.
 * {@code embedded-emulator} starts the starter's application with the embedded emulator in place of a connection
 * string. {@code emulator} starts the emulator without Spring, twice, to separate the first start in a JVM, which
 * loads Netty's classes, from a later one.
 */
@SpringBootApplication
public class StartupProbe {

	private static final String ACCESS_KEY = "StartupProbeAccessKey0123456789abcdefghijklm";

	private static final String STARTER_AUTO_CONFIGURATIONS = String.join(",",
			"io.webpubsub.spring.autoconfigure.WebPubSubClientAutoConfiguration",
			"io.webpubsub.spring.autoconfigure.WebPubSubHealthContributorAutoConfiguration",
			"io.webpubsub.spring.autoconfigure.WebPubSubEventHandlerAutoConfiguration");

	public static void main(String[] arguments) {
		String variant = (arguments.length == 1) ? arguments[0] : "";
		Map<String, Object> figures = switch (variant) {
			case "starter" -> startApplication(true, false);
			case "baseline" -> startApplication(false, false);
			case "embedded-emulator" -> startApplication(true, true);
			case "emulator" -> startEmulator();
			default -> throw new IllegalArgumentException(
					"Unknown variant '" + variant + "'; use starter, baseline, embedded-emulator or emulator");
		};
		System.out.println(DriverLoop.RESULT_PREFIX + DriverLoop.format(figures));
		System.out.flush();
	}

	private static Map<String, Object> startApplication(boolean withStarter, boolean withEmulator) {
		SpringApplication application = new SpringApplication(StartupProbe.class);
		BufferingApplicationStartup startup = new BufferingApplicationStartup(10_000);
		application.setApplicationStartup(startup);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("server.address", "127.0.0.1");
		properties.put("logging.level.root", "WARN");
		properties.put("spring.main.banner-mode", "off");
		properties.put("webpubsub.hub", "bench");
		if (withEmulator) {
			properties.put("webpubsub.emulator.enabled", "true");
			properties.put("webpubsub.emulator.port", "0");
		}
		else {
			properties.put("webpubsub.connection-string",
					"Endpoint=http://127.0.0.1:9;AccessKey=" + ACCESS_KEY + ";Version=1.0;");
		}
		if (!withStarter) {
			properties.put("spring.autoconfigure.exclude", STARTER_AUTO_CONFIGURATIONS);
		}
		application.setDefaultProperties(properties);

		long started = System.nanoTime();
		long cpuStarted = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
		ConfigurableApplicationContext context = application.run();
		double mainCpuMillis = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStarted) / 1e6;
		double runMillis = (System.nanoTime() - started) / 1e6;
		StartupTimeline timeline = startup.getBufferedTimeline();
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("run_ms", runMillis);
		figures.put("main_cpu_ms", mainCpuMillis);
		figures.put("refresh_ms", stepMillis(timeline, "spring.context.refresh"));
		figures.put("starter_beans_ms", starterBeanMillis(timeline));
		figures.put("emulator_bean_ms", beanMillis(timeline, "webPubSubEmulator"));
		figures.put("beans", context.getBeanDefinitionCount());
		context.close();
		return figures;
	}

	private static double stepMillis(StartupTimeline timeline, String stepName) {
		return timeline.getEvents()
			.stream()
			.filter(event -> event.getStartupStep().getName().equals(stepName))
			.mapToDouble(event -> event.getDuration().toNanos() / 1e6)
			.sum();
	}

	/**
	 * Returns the time spent creating the starter's beans. Beans of the application or of Spring Boot that a starter
	 * bean pulls in, such as the JSON mapper, are subtracted, because they exist without the starter too. A starter
	 * bean created while another is being created is counted once, within the outer one.
	 */
	private static double starterBeanMillis(StartupTimeline timeline) {
		Map<Long, StartupStep> starterSteps = new LinkedHashMap<>();
		timeline.getEvents().forEach(event -> {
			StartupStep step = event.getStartupStep();
			if (step.getName().equals("spring.beans.instantiate") && isStarterBean(step)) {
				starterSteps.put(step.getId(), step);
			}
		});

		double total = 0;
		for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
			StartupStep step = event.getStartupStep();
			double millis = event.getDuration().toNanos() / 1e6;
			boolean insideStarterBean = starterSteps.containsKey(step.getParentId());
			if (starterSteps.containsKey(step.getId()) && !insideStarterBean) {
				total += millis;
				// The breakdown goes to the process log, to show which bean makes a slow startup.
				System.err.printf(Locale.ROOT, "starter bean %s: %.1f ms%n", beanName(step), millis);
			}
			else if (!starterSteps.containsKey(step.getId()) && insideStarterBean) {
				total -= millis;
				System.err.printf(Locale.ROOT, "  less %s %s: %.1f ms%n", step.getName(), beanName(step), millis);
			}
		}
		return total;
	}

	private static double beanMillis(StartupTimeline timeline, String beanName) {
		return timeline.getEvents()
			.stream()
			.filter(event -> event.getStartupStep().getName().equals("spring.beans.instantiate"))
			.filter(event -> beanName(event.getStartupStep()).equals(beanName))
			.mapToDouble(event -> event.getDuration().toNanos() / 1e6)
			.sum();
	}

	private static String beanName(StartupStep step) {
		for (StartupStep.Tag tag : step.getTags()) {
			if (tag.getKey().equals("beanName")) {
				return tag.getValue();
			}
		}
		return "(unnamed)";
	}

	private static boolean isStarterBean(StartupStep step) {
		for (StartupStep.Tag tag : step.getTags()) {
			// The starter's bean names, such as webPubSubServiceClient, and its auto-configuration classes all contain it.
			if (tag.getKey().equals("beanName") && tag.getValue().toLowerCase(Locale.ROOT).contains("webpubsub")) {
				return true;
			}
		}
		return false;
	}

	private static Map<String, Object> startEmulator() {
		Map<String, Object> figures = new LinkedHashMap<>();
		long firstStarted = System.nanoTime();
		try (WebPubSubEmulator emulator = WebPubSubEmulator.start(0, ACCESS_KEY)) {
			figures.put("first_start_ms", (System.nanoTime() - firstStarted) / 1e6);
			figures.put("port_ok", emulator.port() > 0);
		}
		long secondStarted = System.nanoTime();
		try (WebPubSubEmulator emulator = WebPubSubEmulator.start(0, ACCESS_KEY)) {
			figures.put("second_start_ms", (System.nanoTime() - secondStarted) / 1e6);
		}
		return figures;
	}

	/** A listener, so the starter registers its event endpoint as an application with listeners would. */
	@Component
	public static class MessageListener {

		@WebPubSubEventListener(event = "message")
		public String message(String text) {
			return text;
		}

	}
}
