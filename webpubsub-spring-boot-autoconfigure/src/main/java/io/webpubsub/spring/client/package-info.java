/**
 * Client for the Azure Web PubSub data-plane REST API, built on OkHttp and Jackson, with no Spring types in its API.
 */
@NullMarked
package io.webpubsub.spring.client;

import org.jspecify.annotations.NullMarked;
