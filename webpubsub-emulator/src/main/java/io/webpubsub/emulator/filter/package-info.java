/**
 * OData filters over connections, as the Web PubSub REST API accepts them on sends and group operations.
 */
@NullMarked
package io.webpubsub.emulator.filter;

import org.jspecify.annotations.NullMarked;
