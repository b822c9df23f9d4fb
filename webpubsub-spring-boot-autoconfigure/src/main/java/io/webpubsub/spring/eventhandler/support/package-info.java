/**
 * The event handler's core, independent of any web framework: listener discovery and registry, request checks
 * (abuse protection and signatures), and dispatch of events to listener methods.
 */
@NullMarked
package io.webpubsub.spring.eventhandler.support;

import org.jspecify.annotations.NullMarked;
