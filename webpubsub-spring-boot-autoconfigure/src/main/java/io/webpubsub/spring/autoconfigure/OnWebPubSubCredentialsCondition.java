package io.webpubsub.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when any of {@code webpubsub.connection-string}, {@code webpubsub.endpoint} or {@code webpubsub.key} is
 * set. An incomplete combination still matches, so that startup fails with a message naming the missing property
 * rather than silently leaving the client out.
 */
class OnWebPubSubCredentialsCondition extends SpringBootCondition {

	private static final String[] PROPERTIES = { "webpubsub.connection-string", "webpubsub.endpoint",
			"webpubsub.key" };

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Web PubSub credentials");
		Environment environment = context.getEnvironment();
		for (String property : PROPERTIES) {
			if (StringUtils.hasText(environment.getProperty(property))) {
				return ConditionOutcome.match(message.found("property").items(property));
			}
		}
		return ConditionOutcome.noMatch(message.didNotFind("property").items((Object[]) PROPERTIES));
	}

}
