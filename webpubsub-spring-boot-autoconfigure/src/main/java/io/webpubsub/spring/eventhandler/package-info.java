/**
 * Handling of the events Web PubSub sends to the application: the listener annotation, the event and response
 * model, and the exception that rejects an event.
 */
@NullMarked
package io.webpubsub.spring.eventhandler;

import org.jspecify.annotations.NullMarked;
