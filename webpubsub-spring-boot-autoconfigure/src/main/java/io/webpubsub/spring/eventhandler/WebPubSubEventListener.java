package io.webpubsub.spring.eventhandler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a bean as the listener of one event of one hub. The starter maps every listener onto the
 * event handler endpoint, checks each request, and passes the event to the method.
 * <p>
 * The method may declare the event object ({@link ConnectEvent}, {@link ConnectedEvent}, {@link UserEvent},
 * {@link DisconnectedEvent} or {@link GroupEvent}), the {@link ConnectionContext}, and for user events the data as
 * {@code String}, {@code byte[]}, Jackson {@code JsonNode} or any type Jackson can bind. A {@code connect} listener
 * returns {@code void} or {@link ConnectResponse}. A user event listener returns {@code void} (no reply),
 * {@code String} (text), {@code byte[]} (binary), {@link UserEventResponse} or any other object (JSON). Other events
 * return {@code void}. Each of these may be wrapped in a {@code CompletableFuture}.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WebPubSubEventListener {

	/**
	 * Hub of the event, matched case-insensitively. Empty means {@code webpubsub.hub}. Accepts {@code ${...}}
	 * placeholders.
	 */
	String hub() default "";

	/**
	 * Event name: {@code connect}, {@code connected}, {@code disconnected}, {@code joined}, {@code left}, or the name
	 * of a user event such as {@code message}, which plain WebSocket clients send. Accepts {@code ${...}}
	 * placeholders.
	 */
	String event();

}
