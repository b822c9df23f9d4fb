/**
 * Servlet binding of the event handler: one Spring MVC handler at the configured path.
 */
@NullMarked
package io.webpubsub.spring.eventhandler.servlet;

import org.jspecify.annotations.NullMarked;
