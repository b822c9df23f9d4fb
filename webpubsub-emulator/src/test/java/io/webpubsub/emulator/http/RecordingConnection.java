package io.webpubsub.emulator.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.webpubsub.emulator.hub.HubConnection;
import io.webpubsub.emulator.hub.Message;
import org.jspecify.annotations.Nullable;

/**
 * A connection that records what it receives, standing in for a WebSocket client.
 */
final class RecordingConnection extends HubConnection {

	private final List<Message> received = new CopyOnWriteArrayList<>();

	private volatile @Nullable String closeReason;

	RecordingConnection(String connectionId, @Nullable String userId, String... roles) {
		super("chat", connectionId, userId, null, List.of(roles));
	}

	@Override
	public void send(Message message) {
		this.received.add(message);
	}

	@Override
	public void close(String reason) {
		this.closeReason = reason;
	}

	List<Message> received() {
		return List.copyOf(this.received);
	}

	@Nullable String closeReason() {
		return this.closeReason;
	}

}
