/**
 * Verification of the access tokens that REST callers and clients present, signed with the access key.
 */
@NullMarked
package io.webpubsub.emulator.auth;

import org.jspecify.annotations.NullMarked;
