package io.webpubsub.spring.eventhandler.support;

import io.webpubsub.spring.eventhandler.ConnectionContext;
import org.jspecify.annotations.Nullable;

/**
 * Supplies one parameter of a listener method from the event, chosen once per method at startup.
 */
@FunctionalInterface
interface ArgumentResolver {

	/**
	 * Returns the argument for the event.
	 * @throws EventDataException if the event data cannot become the parameter's type
	 */
	@Nullable Object resolve(Object event, ConnectionContext context);

}
