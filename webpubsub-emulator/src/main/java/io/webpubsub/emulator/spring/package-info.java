/**
 * The embedded mode: Spring Boot auto-configuration that runs the emulator inside the application and connects the
 * starter's client and event handler to it.
 */
@NullMarked
package io.webpubsub.emulator.spring;

import org.jspecify.annotations.NullMarked;
