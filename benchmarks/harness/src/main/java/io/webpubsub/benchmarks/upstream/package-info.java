/**
 * The upstream comparison: signed user events through the starter's endpoint, a plain Spring MVC endpoint, and
 * the official Node.js handler.
 */
@NullMarked
package io.webpubsub.benchmarks.upstream;

import org.jspecify.annotations.NullMarked;
