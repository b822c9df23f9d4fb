/**
 * The official Java SDK's side of the service client comparison: its load driver and the token minting benchmark.
 */
@NullMarked
package io.webpubsub.benchmarks.sdk;

import org.jspecify.annotations.NullMarked;
