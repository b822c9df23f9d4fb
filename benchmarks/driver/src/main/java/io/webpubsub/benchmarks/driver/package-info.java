/**
 * The line protocol between the benchmark runner and the processes it drives. It has no dependencies, so the
 * official SDK's process can use it without the starter's classpath.
 */
package io.webpubsub.benchmarks.driver;
