package io.webpubsub.emulator.filter;

/**
 * Invalid {@code $filter} text. The message has the form {@code Invalid filter at position N: detail}, where the detail
 * describes the problem and the expected input.
 */
public class FilterSyntaxException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final int position;

	FilterSyntaxException(int position, String detail) {
		super("Invalid filter at position " + position + ": " + detail);
		this.position = position;
	}

	/** Returns the 0-based index of the character in the filter text where the problem is. */
	public int getPosition() {
		return this.position;
	}

}
