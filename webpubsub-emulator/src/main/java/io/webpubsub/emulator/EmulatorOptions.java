package io.webpubsub.emulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command line options of the standalone emulator.
 *
 * @param port the port, 0 for any free one
 * @param accessKey the access key
 * @param upstreams the event handler URL template of each hub
 * @param help whether only the help was requested
 */
record EmulatorOptions(int port, String accessKey, Map<String, String> upstreams, boolean help) {

	/**
	 * Parses the arguments.
	 * @throws IllegalArgumentException naming the flag when an option is unknown, lacks a value or has an invalid one
	 */
	static EmulatorOptions parse(String[] args) {
		int port = WebPubSubEmulator.DEFAULT_PORT;
		String accessKey = WebPubSubEmulator.DEFAULT_ACCESS_KEY;
		boolean help = false;
		Map<String, String> upstreams = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
			switch (flag) {
				case "--help", "-h" -> help = true;
				case "--port" -> port = parsePort(valueOf(args, i, arg));
				case "--access-key" -> accessKey = parseKey(valueOf(args, i, arg));
				case "--upstream" -> addUpstream(upstreams, valueOf(args, i, arg));
				default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
			}
			if (!arg.contains("=") && !flag.equals("--help") && !flag.equals("-h")) {
				i++;
			}
		}
		return new EmulatorOptions(port, accessKey, Map.copyOf(upstreams), help);
	}

	private static void addUpstream(Map<String, String> upstreams, String value) {
		int equals = value.indexOf('=');
		if (equals <= 0 || equals == value.length() - 1) {
			throw new IllegalArgumentException("'--upstream' value '" + value + "' is not HUB=URL_TEMPLATE, such as "
					+ "chat=http://localhost:8080/eventhandler/{event}");
		}
		String template = value.substring(equals + 1);
		if (okhttp3.HttpUrl.parse(template.replace("{hub}", "hub").replace("{event}", "event")) == null) {
			throw new IllegalArgumentException("'--upstream' URL template '" + template + "' is not an http or https URL");
		}
		upstreams.put(value.substring(0, equals), template);
	}

	private static String valueOf(String[] args, int index, String arg) {
		if (arg.contains("=")) {
			return arg.substring(arg.indexOf('=') + 1);
		}
		if (index + 1 >= args.length) {
			throw new IllegalArgumentException("option '" + arg + "' needs a value");
		}
		return args[index + 1];
	}

	private static int parsePort(String value) {
		try {
			int port = Integer.parseInt(value);
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("'--port' value " + port + " is outside 0-65535");
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'--port' value '" + value + "' is not a number");
		}
	}

	private static String parseKey(String value) {
		int length = value.getBytes(StandardCharsets.UTF_8).length;
		if (length < 32) {
			throw new IllegalArgumentException("'--access-key' is " + length + " bytes long: use at least 32 bytes");
		}
		if (!value.equals(value.trim()) || value.contains(";")) {
			throw new IllegalArgumentException("'--access-key' must not contain ';' or start or end with whitespace");
		}
		return value;
	}

}
