/**
 * The benchmark runner, which measures every comparison and prints the ratios.
 */
@NullMarked
package io.webpubsub.benchmarks;

import org.jspecify.annotations.NullMarked;
