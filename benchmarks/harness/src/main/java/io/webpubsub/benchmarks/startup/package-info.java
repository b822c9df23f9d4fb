/**
 * The startup comparison: the time the starter's auto-configuration adds to a context refresh, and the time the
 * embedded emulator takes to start.
 */
@NullMarked
package io.webpubsub.benchmarks.startup;

import org.jspecify.annotations.NullMarked;
