/**
 * The client endpoint: WebSocket connections of plain clients and of the JSON subprotocol.
 */
@NullMarked
package io.webpubsub.emulator.client;

import org.jspecify.annotations.NullMarked;
