/**
 * The client endpoint: WebSocket connections of plain clients and of the JSON and reliable JSON subprotocols.
 */
@NullMarked
package io.webpubsub.emulator.client;

import org.jspecify.annotations.NullMarked;
