package io.webpubsub.spring.eventhandler.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.webpubsub.spring.eventhandler.ConnectionContext;
import org.jspecify.annotations.Nullable;

/**
 * A registered listener: the bean, the method to call, and the resolvers of its parameters, all worked out at
 * startup.
 *
 * @param hub the hub, as declared
 * @param eventName the event name, as declared
 * @param kind the kind of event
 * @param beanName the name of the bean
 * @param bean the bean, or its proxy
 * @param method the method to invoke on the bean
 * @param resolvers one resolver per parameter
 * @param returnsFuture whether the method returns a {@code CompletableFuture} to await
 */
record ListenerMethod(String hub, String eventName, EventKind kind, String beanName, Object bean, Method method,
		List<ArgumentResolver> resolvers, boolean returnsFuture) {

	/**
	 * Calls the method and returns its result, awaiting a future.
	 * @throws EventDataException if an argument cannot be resolved from the event data
	 * @throws Throwable whatever the listener throws, unwrapped
	 */
	@Nullable Object invoke(Object event, ConnectionContext context) throws Throwable {
		Object[] arguments = new Object[this.resolvers.size()];
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = this.resolvers.get(i).resolve(event, context);
		}
		Object result;
		try {
			result = this.method.invoke(this.bean, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
		if (this.returnsFuture && result != null) {
			return await((CompletableFuture<?>) result);
		}
		return result;
	}

	private static @Nullable Object await(CompletableFuture<?> future) throws Throwable {
		try {
			return future.get();
		}
		catch (ExecutionException | CompletionException ex) {
			throw (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ex;
		}
	}

	/** Returns {@code hub/event}, as listed in logs. */
	String describe() {
		return this.hub + "/" + this.eventName;
	}

	@Override
	public String toString() {
		return "ListenerMethod[" + describe() + " -> " + ListenerDefinitionException.describe(this.method) + "]";
	}

}
