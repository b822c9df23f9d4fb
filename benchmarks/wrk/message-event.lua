-- Sends the request the Web PubSub service sends for a text frame from a client: a signed CloudEvents user event
-- "message" with a 100-byte text body.
--
-- Usage: wrk ... -s message-event.lua <url> -- <hub> <connection id> <ce-signature value>

function init(args)
  local hub = args[1]
  local connection_id = args[2]
  local signature = args[3]

  wrk.method = "POST"
  wrk.body = string.rep("m", 100)
  wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
  wrk.headers["ce-specversion"] = "1.0"
  wrk.headers["ce-awpsversion"] = "1.0"
  wrk.headers["ce-type"] = "azure.webpubsub.user.message"
  wrk.headers["ce-source"] = "/hubs/" .. hub .. "/client/" .. connection_id
  wrk.headers["ce-id"] = "1"
  wrk.headers["ce-time"] = "2026-01-01T00:00:00Z"
  wrk.headers["ce-hub"] = hub
  wrk.headers["ce-connectionId"] = connection_id
  wrk.headers["ce-userId"] = "bench-user"
  wrk.headers["ce-eventName"] = "message"
  wrk.headers["ce-subprotocol"] = "json.webpubsub.azure.v1"
  wrk.headers["ce-signature"] = signature
  wrk.headers["WebHook-Request-Origin"] = "bench.webpubsub.azure.com"
end
