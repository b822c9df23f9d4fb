/**
 * The service client comparison: sendToAll through the starter's client, raw OkHttp and the official Java SDK.
 */
@NullMarked
package io.webpubsub.benchmarks.client;

import org.jspecify.annotations.NullMarked;
