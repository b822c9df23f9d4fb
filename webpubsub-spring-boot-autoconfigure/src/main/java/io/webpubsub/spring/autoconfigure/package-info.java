/**
 * Spring Boot auto-configuration of the Web PubSub service client: properties, connection details and failure
 * analysis.
 */
@NullMarked
package io.webpubsub.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
