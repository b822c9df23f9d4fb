package io.webpubsub.spring.eventhandler.support;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.webpubsub.spring.eventhandler.WebPubSubEventListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.Environment;

/**
 * Finds {@link WebPubSubEventListener} methods on every bean, including methods behind proxies and annotations
 * composed with it, checks them and registers them. A bad listener fails startup with a
 * {@link ListenerDefinitionException}. Once every singleton exists, one INFO line lists the registered listeners.
 */
public final class WebPubSubEventListenerBeanPostProcessor implements BeanPostProcessor, SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(WebPubSubEventListenerBeanPostProcessor.class);

	private final Environment environment;

	private final Supplier<JsonMapper> jsonMapper;

	private final String path;

	private final WebPubSubListenerRegistry registry;

	private @Nullable ListenerMethodFactory methodFactory;

	/** Classes already searched without finding a listener, so beans of the same class are not searched again. */
	private final Set<Class<?>> classesWithoutListeners = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the post-processor.
	 * @param environment resolves {@code ${...}} placeholders and supplies {@code webpubsub.hub}
	 * @param jsonMapper supplies the mapper that binds event data, asked for when the first listener is found
	 * @param path the endpoint path, for the startup log
	 */
	public WebPubSubEventListenerBeanPostProcessor(Environment environment, Supplier<JsonMapper> jsonMapper,
			String path) {
		this.environment = environment;
		this.jsonMapper = jsonMapper;
		this.path = path;
		String defaultHub = environment.getProperty("webpubsub.hub");
		this.registry = new WebPubSubListenerRegistry((defaultHub == null || defaultHub.isBlank()) ? null : defaultHub);
	}

	/** Returns the registry the listeners are added to. */
	public WebPubSubListenerRegistry getRegistry() {
		return this.registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.classesWithoutListeners.contains(targetClass)
				|| !AnnotationUtils.isCandidateClass(targetClass, WebPubSubEventListener.class)) {
			return bean;
		}

		Map<Method, WebPubSubEventListener> annotated = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<WebPubSubEventListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, WebPubSubEventListener.class));
		if (annotated.isEmpty()) {
			this.classesWithoutListeners.add(targetClass);
			return bean;
		}
		annotated.forEach((method, annotation) -> register(beanName, bean, method, annotation));
		return bean;
	}

	private void register(String beanName, Object bean, Method method, WebPubSubEventListener annotation) {
		String eventName = this.environment.resolveRequiredPlaceholders(annotation.event()).trim();
		if (eventName.isEmpty()) {
			throw new ListenerDefinitionException(beanName, method, "the event name is empty",
					"Set 'event' to connect, connected, disconnected, joined, left or a user event name.");
		}
		String hub = this.environment.resolveRequiredPlaceholders(annotation.hub()).trim();
		if (hub.isEmpty()) {
			hub = this.registry.getDefaultHub();
		}
		if (hub == null) {
			throw new ListenerDefinitionException(beanName, method, "the listener names no hub",
					"Set 'hub' on the annotation or the property 'webpubsub.hub'.");
		}
		this.registry.register(methodFactory().create(beanName, bean, method, hub, eventName));
	}

	private ListenerMethodFactory methodFactory() {
		if (this.methodFactory == null) {
			this.methodFactory = new ListenerMethodFactory(this.jsonMapper.get());
		}
		return this.methodFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.registry.hasListeners() && logger.isInfoEnabled()) {
			logger.info("Web PubSub event listeners at " + this.path + ": "
					+ String.join(", ", this.registry.describeListeners()));
		}
	}

}
