/**
 * Settings, child processes, statistics and reporting shared by every benchmark.
 */
@NullMarked
package io.webpubsub.benchmarks.support;

import org.jspecify.annotations.NullMarked;
