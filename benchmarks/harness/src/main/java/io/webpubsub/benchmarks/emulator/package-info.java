/**
 * The emulator comparison: sendToAll to many JSON subprotocol clients of the emulator and of a minimal Netty broadcast
 * server, and the emulator's heap per idle connection.
 */
@NullMarked
package io.webpubsub.benchmarks.emulator;

import org.jspecify.annotations.NullMarked;
