package io.webpubsub.spring.eventhandler.support;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.webpubsub.spring.eventhandler.ConnectEvent;
import io.webpubsub.spring.eventhandler.ConnectResponse;
import io.webpubsub.spring.eventhandler.ConnectedEvent;
import io.webpubsub.spring.eventhandler.ConnectionContext;
import io.webpubsub.spring.eventhandler.DisconnectedEvent;
import io.webpubsub.spring.eventhandler.GroupEvent;
import io.webpubsub.spring.eventhandler.UserEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

/**
 * Checks a listener method against what its event can supply and builds its {@link ListenerMethod}: one resolver
 * per parameter and the handling of its return type, decided once at startup.
 */
final class ListenerMethodFactory {

	private static final Map<EventKind, Class<?>> EVENT_TYPES = Map.of(EventKind.CONNECT, ConnectEvent.class,
			EventKind.CONNECTED, ConnectedEvent.class, EventKind.DISCONNECTED, DisconnectedEvent.class,
			EventKind.JOINED, GroupEvent.class, EventKind.LEFT, GroupEvent.class, EventKind.USER, UserEvent.class);

	private final JsonMapper jsonMapper;

	ListenerMethodFactory(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Builds the listener for a method found on a bean's target class.
	 * @throws ListenerDefinitionException if the method is not public, or declares a parameter or return type that
	 * its event cannot supply
	 */
	ListenerMethod create(String beanName, Object bean, Method method, String hub, String eventName) {
		EventKind kind = EventKind.forListenerEvent(eventName);
		if (!Modifier.isPublic(method.getModifiers())) {
			throw new ListenerDefinitionException(beanName, method, "the method is not public",
					"Make the method public.");
		}
		if (Modifier.isStatic(method.getModifiers())) {
			throw new ListenerDefinitionException(beanName, method, "the method is static",
					"Make the method an instance method of the bean.");
		}
		Method invocable = invocableMethod(beanName, bean, method);
		List<ArgumentResolver> resolvers = new ArrayList<>();
		boolean hasPayload = false;
		for (int index = 0; index < method.getParameterCount(); index++) {
			Parameter parameter = method.getParameters()[index];
			boolean payload = kind == EventKind.USER && isPayloadType(parameter.getType());
			if (payload && hasPayload) {
				throw new ListenerDefinitionException(beanName, method,
						"parameter " + index + " is a second parameter for the event data",
						"Declare the event data once, as String, byte[], JsonNode or a type Jackson can bind.");
			}
			hasPayload |= payload;
			resolvers.add(resolver(beanName, method, index, kind, eventName));
		}
		boolean returnsFuture = checkReturnType(beanName, method, kind, eventName);
		ReflectionUtils.makeAccessible(invocable);
		return new ListenerMethod(hub, eventName, kind, beanName, bean, invocable, List.copyOf(resolvers),
				returnsFuture);
	}

	private static Method invocableMethod(String beanName, Object bean, Method method) {
		try {
			return AopUtils.selectInvocableMethod(method, bean.getClass());
		}
		catch (IllegalStateException ex) {
			throw new ListenerDefinitionException(beanName, method,
					"the bean is a proxy that does not expose the method",
					"Declare the method on an interface the proxy implements, or use class-based proxies.");
		}
	}

	private ArgumentResolver resolver(String beanName, Method method, int index, EventKind kind, String eventName) {
		Class<?> type = method.getParameterTypes()[index];
		Class<?> eventType = EVENT_TYPES.get(kind);
		if (type == ConnectionContext.class) {
			return (event, context) -> context;
		}
		if (type == eventType) {
			return (event, context) -> event;
		}
		if (kind == EventKind.USER && isPayloadType(type)) {
			return payloadResolver(new MethodParameter(method, index));
		}
		String supplied = (kind == EventKind.USER) ? "UserEvent, ConnectionContext, or the event data as String, "
				+ "byte[], JsonNode or a type Jackson can bind" : eventType.getSimpleName() + " or ConnectionContext";
		throw new ListenerDefinitionException(beanName, method,
				"parameter " + index + " of type " + type.getName() + " cannot be supplied for event '" + eventName
						+ "'",
				"Declare only " + supplied + " as parameters of a '" + eventName + "' listener.");
	}

	private static boolean isPayloadType(Class<?> type) {
		return !EVENT_TYPES.containsValue(type) && type != ConnectionContext.class && !type.isPrimitive();
	}

	private ArgumentResolver payloadResolver(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		if (type == String.class) {
			return (event, context) -> ((UserEvent) event).text();
		}
		if (type == byte[].class) {
			return (event, context) -> ((UserEvent) event).data();
		}
		JavaType javaType = this.jsonMapper.constructType(parameter.getGenericParameterType());
		boolean tree = JsonNode.class.isAssignableFrom(type);
		return (event, context) -> {
			byte[] data = ((UserEvent) event).data();
			try {
				return tree ? this.jsonMapper.readTree(data) : this.jsonMapper.readValue(data, javaType);
			}
			catch (JacksonException ex) {
				throw new EventDataException("Event data cannot be read as " + javaType.toCanonical() + ": "
						+ ex.getOriginalMessage(), ex);
			}
		};
	}

	/** Checks the return type for the event and returns whether it is a future to await. */
	private static boolean checkReturnType(String beanName, Method method, EventKind kind, String eventName) {
		ResolvableType returnType = ResolvableType.forMethodReturnType(method);
		boolean future = CompletableFuture.class.isAssignableFrom(returnType.toClass());
		Class<?> valueType = future ? returnType.as(CompletableFuture.class).getGeneric(0).toClass() : returnType.toClass();
		boolean isVoid = valueType == void.class || valueType == Void.class;
		boolean allowed = switch (kind) {
			case CONNECT -> isVoid || valueType == ConnectResponse.class;
			case USER -> valueType != ConnectResponse.class;
			default -> isVoid;
		};
		if (!allowed) {
			String expected = switch (kind) {
				case CONNECT -> "void or ConnectResponse";
				case USER -> "void, String, byte[], UserEventResponse or an object to send as JSON";
				default -> "void, because the service ignores any reply to this event";
			};
			throw new ListenerDefinitionException(beanName, method,
					"the return type " + returnType + " cannot be sent as the reply to event '" + eventName + "'",
					"Return " + expected + ", or a CompletableFuture of it.");
		}
		return future;
	}

}
