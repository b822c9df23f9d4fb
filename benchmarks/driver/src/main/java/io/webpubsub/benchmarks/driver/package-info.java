/**
 * The line protocol between the benchmark runner and the processes it drives, and the closed-loop load of the
 * service client drivers. Its only dependency is HdrHistogram, so the official SDK's process can use it without the
 * starter's classpath.
 */
package io.webpubsub.benchmarks.driver;
