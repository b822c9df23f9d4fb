"use strict";

// Event handler for hub "chat" built with Microsoft's @azure/web-pubsub-express, the reference the compat tests
// compare the Spring event handler with. Its listeners do what the Spring test application's listeners in
// compat/src/test/java/io/webpubsub/compat/eventhandler/ParityListeners.java do.
//
// It listens on 127.0.0.1 on a port the system chooses and prints that port as the first line on stdout. Each
// connected or disconnected event then adds a "listener ..." line, so the test can check that the listener ran.
// It exits on SIGTERM and when stdin closes, so it does not outlive the test process that started it.

const http = require("node:http");
const express = require("express");
const { WebPubSubEventHandler } = require("@azure/web-pubsub-express");

const JSON_SUBPROTOCOL = "json.webpubsub.azure.v1";

function handleConnect(request, response) {
  const subjects = request.claims?.sub;
  if (!subjects || subjects.length === 0) {
    response.fail(401, "A user id is required");
    return;
  }
  const accepted = {
    userId: subjects[0],
    groups: ["lobby"],
    roles: ["webpubsub.joinLeaveGroup.lobby"],
  };
  if ((request.subprotocols ?? []).includes(JSON_SUBPROTOCOL)) {
    accepted.subprotocol = JSON_SUBPROTOCOL;
  }
  response.setState("key", "a");
  response.success(accepted);
}

function handleUserEvent(request, response) {
  const states = request.context.states;
  switch (request.context.eventName) {
    case "message": {
      response.setState("count", (states.count ?? 0) + 1);
      response.setState("last", request.data);
      response.success("echo: " + request.data, "text");
      return;
    }
    case "greeting": {
      const greeting = request.data;
      const reply = { from: greeting.from, tagCount: greeting.tags.length };
      response.success(JSON.stringify(reply), "json");
      return;
    }
    case "bytes": {
      response.success(Buffer.from(request.data).reverse(), "binary");
      return;
    }
    case "reject": {
      // A failed event drops the state change made before the failure.
      response.setState("count", 99);
      response.fail(400, "Messages must not be empty");
      return;
    }
    case "crash":
      throw new Error("Listener failed on purpose");
    default:
      // No reply: the service sends nothing back to the client.
      response.success();
  }
}

const handler = new WebPubSubEventHandler("chat", {
  path: "/eventhandler",
  // The endpoint of the Spring test application's connection string.
  allowedEndpoints: ["http://localhost:8080"],
  handleConnect,
  onConnected: (request) => {
    console.log(`listener connected ${request.context.connectionId} ${request.context.userId}`);
  },
  onDisconnected: (request) => {
    console.log(`listener disconnected ${request.context.connectionId} ${request.reason}`);
  },
  handleUserEvent,
});

const app = express();
app.use(handler.getMiddleware());

const server = http.createServer(app);
server.on("error", (error) => {
  console.error(`Express handler server failed: ${error.message}`);
  process.exit(1);
});
server.listen(0, "127.0.0.1", () => {
  console.log(String(server.address().port));
});

// SIGTERM ends the process by Node's default action. Closed stdin means the parent process is gone.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
