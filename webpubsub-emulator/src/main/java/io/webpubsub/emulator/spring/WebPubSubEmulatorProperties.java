package io.webpubsub.emulator.spring;

import java.util.LinkedHashMap;
import java.util.Map;

import io.webpubsub.emulator.WebPubSubEmulator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the embedded emulator.
 */
@ConfigurationProperties("webpubsub.emulator")
public class WebPubSubEmulatorProperties {

	/**
	 * Whether to start the emulator inside the application and connect the client and event handler to it.
	 */
	private boolean enabled;

	/**
	 * Port of the emulator on 127.0.0.1. 0 picks a free port.
	 */
	private int port = WebPubSubEmulator.DEFAULT_PORT;

	/**
	 * Access key of the emulator, at least 32 bytes. By default the public development key.
	 */
	private String accessKey = WebPubSubEmulator.DEFAULT_ACCESS_KEY;

	/**
	 * Event handler URL template of each hub, such as 'http://localhost:9000/events/{event}', for hubs whose
	 * listeners are not in this application. Hubs with listeners here go to this application's event handler.
	 */
	private Map<String, String> upstream = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public String getAccessKey() {
		return this.accessKey;
	}

	public void setAccessKey(String accessKey) {
		this.accessKey = accessKey;
	}

	public Map<String, String> getUpstream() {
		return this.upstream;
	}

	public void setUpstream(Map<String, String> upstream) {
		this.upstream = upstream;
	}

}
