package io.webpubsub.spring.eventhandler.support;

import java.lang.reflect.Method;

/**
 * A {@code @WebPubSubEventListener} method that cannot be registered, found at startup. The message names the bean,
 * the method and the problem, and {@link #getAction()} returns the fix.
 */
public class ListenerDefinitionException extends RuntimeException {

	private final String action;

	ListenerDefinitionException(String beanName, Method method, String problem, String action) {
		super("Invalid @WebPubSubEventListener method " + describe(method) + " of bean '" + beanName + "': " + problem);
		this.action = action;
	}

	/** Returns what to change so the listener can be registered. */
	public String getAction() {
		return this.action;
	}

	static String describe(Method method) {
		StringBuilder description = new StringBuilder(method.getDeclaringClass().getName()).append('.')
			.append(method.getName())
			.append('(');
		Class<?>[] parameterTypes = method.getParameterTypes();
		for (int i = 0; i < parameterTypes.length; i++) {
			description.append((i > 0) ? ", " : "").append(parameterTypes[i].getSimpleName());
		}
		return description.append(')').toString();
	}

}
