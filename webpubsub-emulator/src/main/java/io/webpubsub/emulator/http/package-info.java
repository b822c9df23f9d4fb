/**
 * The emulator's Netty server: routing, and the data-plane REST API.
 */
@NullMarked
package io.webpubsub.emulator.http;

import org.jspecify.annotations.NullMarked;
