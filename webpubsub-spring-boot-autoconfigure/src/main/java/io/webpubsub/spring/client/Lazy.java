package io.webpubsub.spring.client;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A value created once, on its first use, by the first thread that requests it.
 *
 * <p>The client creates its OkHttp client, its parsed endpoint and its HMAC key this way, so application startup
 * does not pay for them. Loading OkHttp, Kotlin and the JDK's crypto providers for them took over 100 ms of CPU in a
 * fresh JVM (Java 17, OkHttp 5.5.1, on a 2-core benchmark machine).
 */
final class Lazy<T> implements Supplier<T> {

	private final Supplier<T> factory;

	private volatile @Nullable T value;

	Lazy(Supplier<T> factory) {
		this.factory = factory;
	}

	@Override
	public T get() {
		T current = this.value;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			current = this.value;
			if (current == null) {
				current = Objects.requireNonNull(this.factory.get(), "The factory of a lazy value returned null");
				this.value = current;
			}
			return current;
		}
	}

	/** Passes the value to the action if it was ever created, without creating it. */
	void ifCreated(Consumer<T> action) {
		T current;
		synchronized (this) {
			current = this.value;
		}
		if (current != null) {
			action.accept(current);
		}
	}

}
