package io.webpubsub.emulator.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The data messages of a reliable connection that the client has not acknowledged yet, as encoded frames in sequence
 * order. Sequence ids start at 1 and increase by 1 per message. Not thread-safe: the owning connection guards it.
 */
final class UnackedMessages {

	private final Deque<Frame> frames = new ArrayDeque<>();

	private final int maxMessages;

	private final long maxBytes;

	private long bytes;

	private long lastSequenceId;

	UnackedMessages(int maxMessages, long maxBytes) {
		this.maxMessages = maxMessages;
		this.maxBytes = maxBytes;
	}

	/** Returns the sequence id that the next added frame must carry. */
	long nextSequenceId() {
		return this.lastSequenceId + 1;
	}

	/**
	 * Adds the frame that carries {@link #nextSequenceId()}.
	 * @param frame the UTF-8 text of the frame
	 * @return {@code false}, adding nothing, when the frame would exceed the message or byte limit
	 */
	boolean add(byte[] frame) {
		if (this.frames.size() >= this.maxMessages || this.bytes + frame.length > this.maxBytes) {
			return false;
		}
		this.lastSequenceId++;
		this.frames.addLast(new Frame(this.lastSequenceId, frame));
		this.bytes += frame.length;
		return true;
	}

	/** Drops every frame up to and including the sequence id, as a {@code sequenceAck} from the client does. */
	void acknowledge(long sequenceId) {
		while (!this.frames.isEmpty() && this.frames.peekFirst().sequenceId() <= sequenceId) {
			this.bytes -= this.frames.removeFirst().utf8Text().length;
		}
	}

	/** Returns the frames not acknowledged yet, oldest first. */
	List<byte[]> frames() {
		List<byte[]> texts = new ArrayList<>(this.frames.size());
		this.frames.forEach((frame) -> texts.add(frame.utf8Text()));
		return texts;
	}

	private record Frame(long sequenceId, byte[] utf8Text) {
	}

}
