/**
 * A local service that behaves like Azure Web PubSub on the wire: the REST API, client WebSockets and upstream
 * events. State is kept in memory and lost when the emulator stops.
 */
@NullMarked
package io.webpubsub.emulator;

import org.jspecify.annotations.NullMarked;
