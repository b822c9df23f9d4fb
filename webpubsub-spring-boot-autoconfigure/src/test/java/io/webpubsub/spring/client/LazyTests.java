package io.webpubsub.spring.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class LazyTests {

	@Test
	void valueIsCreatedOnFirstGet() {
		AtomicInteger creations = new AtomicInteger();
		Lazy<String> lazy = new Lazy<>(() -> "value " + creations.incrementAndGet());

		assertThat(creations).hasValue(0);
		assertThat(lazy.get()).isEqualTo("value 1");
		assertThat(lazy.get()).isEqualTo("value 1");
		assertThat(creations).hasValue(1);
	}

	@Test
	void ifCreatedSkipsValueNeverCreated() {
		AtomicInteger creations = new AtomicInteger();
		Lazy<String> lazy = new Lazy<>(() -> "value " + creations.incrementAndGet());
		List<String> seen = new ArrayList<>();

		lazy.ifCreated(seen::add);
		assertThat(seen).isEmpty();
		assertThat(creations).hasValue(0);

		lazy.get();
		lazy.ifCreated(seen::add);
		assertThat(seen).containsExactly("value 1");
	}

	@Test
	void concurrentFirstGetsCreateOnce() throws Exception {
		AtomicInteger creations = new AtomicInteger();
		Lazy<Integer> lazy = new Lazy<>(creations::incrementAndGet);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int index = 0; index < 8; index++) {
				results.add(threads.submit(() -> {
					start.await();
					return lazy.get();
				}));
			}
			start.countDown();
			for (Future<Integer> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(1);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(creations).hasValue(1);
	}

	@Test
	void nullFromFactoryIsRejected() {
		Lazy<String> lazy = new Lazy<>(() -> null);

		assertThatNullPointerException().isThrownBy(lazy::get).withMessageContaining("returned null");
	}

}
