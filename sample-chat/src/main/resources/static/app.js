"use strict";

// The chat page. It requests a client URL from the server, connects to Web PubSub with the json.webpubsub.azure.v1
// subprotocol, sends each message as a "message" event, and shows what the server broadcasts. When the socket
// drops, it negotiates a new URL and reconnects, waiting longer after each failed attempt.

const SUBPROTOCOL = "json.webpubsub.azure.v1";
const MAX_RETRY_DELAY_MS = 15000;

const status = document.getElementById("status");
const joinForm = document.getElementById("join-form");
const nameInput = document.getElementById("name");
const joinError = document.getElementById("join-error");
const room = document.getElementById("room");
const messages = document.getElementById("messages");
const sendForm = document.getElementById("send-form");
const messageInput = document.getElementById("message");
const sendError = document.getElementById("send-error");

let userName = null;
let socket = null;
let nextAckId = 1;
let retryDelayMs = 500;

function setStatus(kind, text) {
  status.className = "status " + kind;
  status.textContent = text;
  sendForm.querySelector("button").disabled = kind !== "online";
}

function showLine(line) {
  const item = document.createElement("li");
  if (line.from === "system") {
    item.className = "system";
    item.textContent = line.message;
  } else {
    if (line.from === userName) {
      item.className = "mine";
    }
    const from = document.createElement("span");
    from.className = "from";
    from.textContent = line.from;
    item.append(from, document.createTextNode(line.message));
  }
  messages.append(item);
  messages.scrollTop = messages.scrollHeight;
}

async function negotiate(name) {
  const response = await fetch("/negotiate?userId=" + encodeURIComponent(name));
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || "Negotiation failed with HTTP " + response.status);
  }
  return body.url;
}

async function connect() {
  setStatus("connecting", "Connecting…");
  let url;
  try {
    url = await negotiate(userName);
  } catch (error) {
    scheduleReconnect();
    return;
  }
  socket = new WebSocket(url, SUBPROTOCOL);
  socket.onmessage = (event) => handleFrame(JSON.parse(event.data));
  socket.onclose = () => {
    socket = null;
    scheduleReconnect();
  };
}

function scheduleReconnect() {
  const seconds = Math.round(retryDelayMs / 1000);
  setStatus("offline", "Disconnected, reconnecting" + (seconds > 0 ? " in " + seconds + " s" : "") + "…");
  setTimeout(connect, retryDelayMs);
  retryDelayMs = Math.min(retryDelayMs * 2, MAX_RETRY_DELAY_MS);
}

function handleFrame(frame) {
  if (frame.type === "system" && frame.event === "connected") {
    retryDelayMs = 500;
    setStatus("online", "Connected as " + userName);
  } else if (frame.type === "message" && frame.data && typeof frame.data === "object") {
    showLine(frame.data);
  } else if (frame.type === "ack" && !frame.success) {
    sendError.textContent = (frame.error && frame.error.message) || "The message was not delivered";
  }
}

joinForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const name = nameInput.value.trim();
  joinError.textContent = "";
  try {
    await negotiate(name);
  } catch (error) {
    joinError.textContent = error.message;
    return;
  }
  userName = name;
  joinForm.hidden = true;
  room.hidden = false;
  messageInput.focus();
  connect();
});

sendForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = messageInput.value;
  if (!text.trim() || !socket || socket.readyState !== WebSocket.OPEN) {
    return;
  }
  sendError.textContent = "";
  socket.send(JSON.stringify({ type: "event", event: "message", dataType: "text", data: text, ackId: nextAckId++ }));
  messageInput.value = "";
});

setStatus("offline", "Not connected");
