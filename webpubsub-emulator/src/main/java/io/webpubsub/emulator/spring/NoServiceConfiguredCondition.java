package io.webpubsub.emulator.spring;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when neither {@code webpubsub.connection-string} nor {@code webpubsub.endpoint} is set, so an application
 * that enables the emulator for laptops uses the real service as soon as it is given one.
 */
class NoServiceConfiguredCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Web PubSub service not configured");
		for (String property : new String[] { "webpubsub.connection-string", "webpubsub.endpoint" }) {
			if (StringUtils.hasText(context.getEnvironment().getProperty(property))) {
				return ConditionOutcome.noMatch(message.found("property").items(property));
			}
		}
		return ConditionOutcome.match(message.didNotFind("property").items("webpubsub.connection-string",
				"webpubsub.endpoint"));
	}

}
