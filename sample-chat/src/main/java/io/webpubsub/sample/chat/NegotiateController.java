package io.webpubsub.sample.chat;

import java.util.Map;

import io.webpubsub.spring.client.ClientAccessTokenOptions;
import io.webpubsub.spring.client.WebPubSubServiceClient;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Gives the page a WebSocket URL for a user. The page only sends events to the server, which needs no role, so the
 * token carries none.
 */
@RestController
class NegotiateController {

	static final int MAX_USER_ID_LENGTH = 64;

	private final WebPubSubServiceClient webPubSub;

	NegotiateController(WebPubSubServiceClient webPubSub) {
		this.webPubSub = webPubSub;
	}

	@GetMapping("/negotiate")
	ResponseEntity<Map<String, String>> negotiate(@RequestParam(required = false) String userId) {
		if (userId == null || userId.isBlank()) {
			return ResponseEntity.badRequest().body(Map.of("error", "Missing 'userId': choose a name to chat with"));
		}
		String name = userId.strip();
		if (name.length() > MAX_USER_ID_LENGTH) {
			return ResponseEntity.badRequest().body(Map.of("error", "'userId' is " + name.length()
					+ " characters long: use at most " + MAX_USER_ID_LENGTH));
		}
		String url = this.webPubSub.getClientAccessToken(ClientAccessTokenOptions.defaults().userId(name)).url();
		return ResponseEntity.ok(Map.of("url", url));
	}

}
