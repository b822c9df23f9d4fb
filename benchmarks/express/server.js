"use strict";

// Event handler for hub "bench" built with Microsoft's @azure/web-pubsub-express 1.1.0, the Node.js contender of
// the upstream benchmark. Its "message" handler replies with the text it received, as the Spring listener does.
//
// The package does not verify ce-signature, so a middleware in front of it does: an HMAC-SHA256 of the connection
// id keyed with the access key, compared in constant time, and 401 on a mismatch, as the Spring endpoint does.
//
// Usage: WEBPUBSUB_ACCESS_KEY=<key> node server.js. It listens on 127.0.0.1 on a port the system chooses, prints
// "READY port=<port>", and exits on SIGTERM or when stdin closes, so it does not outlive the benchmark.

const http = require("node:http");
const crypto = require("node:crypto");
const express = require("express");
const { WebPubSubEventHandler } = require("@azure/web-pubsub-express");

const accessKey = process.env.WEBPUBSUB_ACCESS_KEY;
if (!accessKey) {
  console.error("WEBPUBSUB_ACCESS_KEY is not set; set it to the access key that signs the events");
  process.exit(2);
}

function hasValidSignature(request) {
  const connectionId = request.get("ce-connectionId") ?? "";
  const expected = Buffer.from(
    "sha256=" + crypto.createHmac("sha256", accessKey).update(connectionId, "utf8").digest("hex"),
  );
  const signatures = (request.get("ce-signature") ?? "").split(",");
  return signatures.some((signature) => {
    const candidate = Buffer.from(signature.trim());
    return candidate.length === expected.length && crypto.timingSafeEqual(candidate, expected);
  });
}

const handler = new WebPubSubEventHandler("bench", {
  path: "/eventhandler",
  handleUserEvent: (request, response) => {
    response.success(request.data, "text");
  },
});

const app = express();
app.post("/eventhandler/", (request, response, next) => {
  if (!hasValidSignature(request)) {
    response.status(401).send("The ce-signature header does not match the access key");
    return;
  }
  next();
});
app.use(handler.getMiddleware());

const server = http.createServer(app);
server.on("error", (error) => {
  console.error(`Express benchmark server failed: ${error.message}`);
  process.exit(1);
});
server.listen(0, "127.0.0.1", () => {
  console.log(`READY port=${server.address().port}`);
});

process.on("SIGTERM", () => process.exit(0));
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
