/**
 * Upstream events: the CloudEvents HTTP requests the emulator sends to a hub's event handler, with the abuse
 * protection handshake and signatures.
 */
@NullMarked
package io.webpubsub.emulator.upstream;

import org.jspecify.annotations.NullMarked;
