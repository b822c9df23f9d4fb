"use strict";

// Calls Microsoft's @azure/web-pubsub (WebPubSubServiceClient) and @azure/web-pubsub-client (WebPubSubClient) on
// behalf of the compat tests in compat/src/test/java/io/webpubsub/compat/npmsdk, which run them against the emulator.
//
// WEBPUBSUB_CONNECTION_STRING sets the service to call. Each line on stdin is one JSON request, and the driver writes
// one JSON line on stdout for each request and for each event of a WebPubSubClient:
//
//   {"id":1,"target":"service","hub":"chat","method":"sendToAll","args":["hi",{"contentType":"text/plain"}]}
//   {"id":1,"ok":true,"result":null}
//   {"id":2,"target":"group","hub":"chat","group":"lobby","method":"listConnections","args":[],"pages":true}
//   {"id":2,"ok":true,"result":[[{"connectionId":"..."}]]}
//   {"id":3,"target":"client","client":"c1","method":"create","args":["ws://...",{"protocol":"json"}]}
//   {"event":"connected","client":"c1","data":{"connectionId":"...","userId":"carol"}}
//   {"id":4,"ok":false,"error":{"name":"RestError","message":"...","statusCode":404}}
//
// Targets: "service" is the WebPubSubServiceClient of "hub", "group" is its group("group"), and "client" is the
// WebPubSubClient named "client". A service or group request may name another "connectionString", such as one whose
// port is the proxy's. On a client, "create" constructs it with "protocol" set to "json" (json.webpubsub.azure.v1) or
// "reliable" (json.reliable.webpubsub.azure.v1, the package's default). Any other method is the public SDK method of
// that name. Target "proxy" is a TCP proxy for client connections, with methods "start" and "cut" (see CutProxy).
// An argument {"$binary":"<base64>"} is passed as bytes, and bytes in results and events are written the same way.
// With "pages":true a paged result is returned as an array of pages, otherwise as one array of items.
//
// The first line is {"ready":true,"versions":{...}} with the installed package versions. Requests run concurrently,
// so each reply carries the id of its request. The driver stops its clients and exits when stdin closes, and exits
// on SIGTERM by Node's default action.

const fs = require("node:fs");
const net = require("node:net");
const path = require("node:path");
const readline = require("node:readline");
const { WebPubSubServiceClient } = require("@azure/web-pubsub");
const {
  WebPubSubClient,
  WebPubSubJsonProtocol,
  WebPubSubJsonReliableProtocol,
} = require("@azure/web-pubsub-client");

const CLIENT_EVENTS = [
  "connected",
  "disconnected",
  "stopped",
  "server-message",
  "group-message",
  "rejoin-group-failed",
];

const SHUTDOWN_TIMEOUT_MS = 5000;

const connectionString = process.env.WEBPUBSUB_CONNECTION_STRING;
if (!connectionString) {
  console.error("WEBPUBSUB_CONNECTION_STRING is not set: set it to the connection string of the service to test");
  process.exit(2);
}

const serviceClients = new Map();
const clients = new Map();

function writeLine(value) {
  process.stdout.write(JSON.stringify(value) + "\n");
}

function installedVersion(name) {
  const manifest = path.join(__dirname, "node_modules", name, "package.json");
  return JSON.parse(fs.readFileSync(manifest, "utf8")).version;
}

function serviceClient(hub, otherConnectionString) {
  if (typeof hub !== "string" || hub === "") {
    throw new TypeError("'hub' is missing: name the hub of the request");
  }
  const serviceConnectionString = otherConnectionString ?? connectionString;
  const key = `${serviceConnectionString}\n${hub}`;
  let client = serviceClients.get(key);
  if (!client) {
    // The emulator's endpoint is http://localhost, and the SDK's pipeline rejects plain HTTP without this option.
    client = new WebPubSubServiceClient(serviceConnectionString, hub, { allowInsecureConnection: true });
    serviceClients.set(key, client);
  }
  return client;
}

/** Replaces each {"$binary": base64} with bytes: an ArrayBuffer for WebPubSubClient, a Buffer otherwise. */
function decodeArgument(value, asArrayBuffer) {
  if (Array.isArray(value)) {
    return value.map((item) => decodeArgument(item, asArrayBuffer));
  }
  if (value !== null && typeof value === "object") {
    if (typeof value.$binary === "string") {
      const bytes = Buffer.from(value.$binary, "base64");
      return asArrayBuffer ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) : bytes;
    }
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, decodeArgument(item, asArrayBuffer)]),
    );
  }
  return value;
}

/** Returns a JSON-safe copy in which bytes become {"$binary": base64}. */
function encodeResult(value) {
  if (value instanceof ArrayBuffer) {
    return { $binary: Buffer.from(value).toString("base64") };
  }
  if (ArrayBuffer.isView(value)) {
    return { $binary: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  }
  if (Array.isArray(value)) {
    return value.map(encodeResult);
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encodeResult(item)]));
  }
  return value === undefined ? null : value;
}

function describeError(error) {
  const described = { name: error?.name, message: error?.message ?? String(error) };
  if (error?.statusCode !== undefined) {
    described.statusCode = error.statusCode;
  }
  if (error?.code !== undefined) {
    described.code = error.code;
  }
  if (error?.response?.bodyAsText) {
    described.responseBody = error.response.bodyAsText;
  }
  if (error?.errorDetail !== undefined) {
    described.errorDetail = error.errorDetail;
  }
  if (error?.ackId !== undefined) {
    described.ackId = error.ackId;
  }
  return described;
}

function createClient(name, url, options = {}) {
  if (clients.has(name)) {
    throw new Error(`Client '${name}' exists already: use another name`);
  }
  const { protocol, ...clientOptions } = options;
  if (protocol === "json") {
    clientOptions.protocol = WebPubSubJsonProtocol();
  } else if (protocol === "reliable") {
    clientOptions.protocol = WebPubSubJsonReliableProtocol();
  } else if (protocol !== undefined) {
    throw new Error(`Unknown protocol '${protocol}': use json or reliable`);
  }
  const client = new WebPubSubClient(url, clientOptions);
  for (const event of CLIENT_EVENTS) {
    client.on(event, (args) => {
      const data = event === "rejoin-group-failed" ? { group: args.group, error: describeError(args.error) } : args;
      writeLine({ event, client: name, data: encodeResult(data) });
    });
  }
  clients.set(name, client);
}

/**
 * A TCP proxy on 127.0.0.1 in front of the service, for client WebSockets. A test connects a WebPubSubClient through
 * it and calls cut() to break that connection the way a network failure does. The client's socket ends at once with
 * no WebSocket close frame, so ws reports code 1006. The service's socket stays open for discardMs and silently loses
 * what the service writes, as on a dropped link before TCP notices. For rejectMs the proxy then accepts new
 * connections and drops them at once, so the client's first recovery attempts fail and the service must keep the
 * messages sent meanwhile. The proxy forwards bytes only, so a client access URL for it must be signed for its port.
 */
class CutProxy {
  constructor() {
    this.server = null;
    this.pairs = new Set();
    this.rejectUntil = 0;
  }

  /** Starts listening on a free port and forwards each connection to the service port. Returns {"port": ...}. */
  async start(targetPort) {
    if (!Number.isInteger(targetPort) || targetPort <= 0 || targetPort > 65535) {
      throw new RangeError(`Invalid target port ${targetPort}: use the service's port`);
    }
    if (this.server) {
      throw new Error(`The proxy is running already on port ${this.server.address().port}`);
    }
    const server = net.createServer((client) => this.accept(client, targetPort));
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", resolve);
    });
    this.server = server;
    return { port: server.address().port };
  }

  accept(client, targetPort) {
    if (Date.now() < this.rejectUntil) {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: "127.0.0.1", port: targetPort });
    const pair = { client, upstream };
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    pair.end = end;
    for (const socket of [client, upstream]) {
      socket.on("error", end);
      socket.on("close", end);
    }
    client.pipe(upstream);
    upstream.pipe(client);
    this.pairs.add(pair);
  }

  /** Cuts every open connection as the class comment describes. Returns {"cutConnections": count}. */
  cut(options = {}) {
    const discardMs = options.discardMs ?? 0;
    const rejectMs = options.rejectMs ?? 0;
    this.rejectUntil = Date.now() + rejectMs;
    const pairs = [...this.pairs];
    this.pairs.clear();
    for (const { client, upstream, end } of pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      for (const socket of [client, upstream]) {
        socket.off("error", end);
        socket.off("close", end);
        socket.on("error", () => {});
      }
      client.destroy();
      // With no 'data' listener left, resume() reads and drops everything the service writes.
      upstream.resume();
      setTimeout(() => upstream.destroy(), discardMs);
    }
    return { cutConnections: pairs.length };
  }

  close() {
    this.server?.close();
    for (const { end } of this.pairs) {
      end();
    }
  }
}

const proxy = new CutProxy();

function resolveTarget(request) {
  switch (request.target) {
    case "service":
      return serviceClient(request.hub, request.connectionString);
    case "group":
      if (typeof request.group !== "string") {
        throw new TypeError("'group' is missing: name the group of the request");
      }
      return serviceClient(request.hub, request.connectionString).group(request.group);
    case "client": {
      const client = clients.get(request.client);
      if (!client) {
        throw new Error(`Client '${request.client}' is not found: create it first`);
      }
      return client;
    }
    case "proxy":
      return proxy;
    default:
      throw new Error(`Unknown target '${request.target}': use service, group, client or proxy`);
  }
}

async function collect(iterable, pages) {
  const items = [];
  for await (const item of pages ? iterable.byPage() : iterable) {
    items.push(item);
  }
  return items;
}

async function run(request) {
  const args = decodeArgument(request.args ?? [], request.target === "client");
  if (request.target === "client" && request.method === "create") {
    createClient(request.client, ...args);
    return null;
  }
  const target = resolveTarget(request);
  const method = request.method;
  if (request.target === "proxy" && method !== "start" && method !== "cut") {
    throw new Error(`'${method}' is not a method of the proxy: use start or cut`);
  }
  if (typeof method !== "string" || method.startsWith("_") || typeof target[method] !== "function") {
    throw new Error(`'${method}' is not a method of target ${request.target}`);
  }
  let result = await target[method](...args);
  if (result && typeof result[Symbol.asyncIterator] === "function") {
    result = await collect(result, request.pages === true);
  }
  return result;
}

async function handleLine(line) {
  if (line.trim() === "") {
    return;
  }
  let request;
  try {
    request = JSON.parse(line);
  } catch (error) {
    writeLine({ id: null, ok: false, error: { name: "SyntaxError", message: `Invalid request line: ${error.message}` } });
    return;
  }
  try {
    writeLine({ id: request.id, ok: true, result: encodeResult(await run(request)) });
  } catch (error) {
    writeLine({ id: request.id, ok: false, error: describeError(error) });
  }
}

writeLine({
  ready: true,
  versions: {
    "@azure/web-pubsub": installedVersion("@azure/web-pubsub"),
    "@azure/web-pubsub-client": installedVersion("@azure/web-pubsub-client"),
  },
});

const pending = new Set();
const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on("line", (line) => {
  const handled = handleLine(line);
  pending.add(handled);
  handled.finally(() => pending.delete(handled));
});
// Closed stdin means the test is done or its process is gone. Requests still running get up to SHUTDOWN_TIMEOUT_MS to
// write their replies.
input.on("close", () => {
  const timeout = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_TIMEOUT_MS).unref());
  Promise.race([Promise.allSettled([...pending]), timeout]).then(() => {
    for (const client of clients.values()) {
      client.stop();
    }
    proxy.close();
    process.exit(0);
  });
});
