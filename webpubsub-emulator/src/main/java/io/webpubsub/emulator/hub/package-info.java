/**
 * In-memory state of the emulator: hubs, their connections, users, groups and permissions.
 */
@NullMarked
package io.webpubsub.emulator.hub;

import org.jspecify.annotations.NullMarked;
