// Drives the sample chat page in headless Chromium as two users, alice and bob, and checks what each page shows.
//
// Usage: node chat.mjs BASE_URL SCREENSHOT_PATH
//   BASE_URL         the running app on the loopback interface, such as http://localhost:8080
//   SCREENSHOT_PATH  where to write a PNG of bob's page after alice and bob have chatted
//
// The browser is Debian's Chromium at /usr/bin/chromium, or the one CHROMIUM_PATH names. The script prints one JSON
// line with the results on stdout and exits with status 0 when every check passed, 1 when a check failed or the run
// timed out, and 2 on invalid arguments. The reason for a failure is also printed on stderr.

import { createRequire } from "node:module";

import { chromium } from "playwright-core";

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// Flags that turn off Chromium's own background connections, such as component updates and sync, and its
// first-run work.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const LAUNCH_TIMEOUT_MS = 30_000;
const STEP_TIMEOUT_MS = 10_000;
const RUN_TIMEOUT_MS = 90_000;
const POLL_INTERVAL_MS = 50;

// The limits that NegotiateController and ChatListeners enforce.
const MAX_NAME_LENGTH = 64;
const MAX_MESSAGE_LENGTH = 2000;

const VIEWPORT = { width: 760, height: 600 };

/** A failed check, with the check's name in `check` and what the page showed instead in `message`. */
class CheckFailed extends Error {
  constructor(check, message) {
    super(message);
    this.check = check;
  }
}

const startedAt = Date.now();
// The check that is running, which names a failure that is not a CheckFailed, such as a Playwright timeout.
let currentCheck = "arguments";
const result = {
  ok: false,
  baseUrl: null,
  chromium: null,
  playwright: createRequire(import.meta.url)("playwright-core/package.json").version,
  checks: [],
  joinError: null,
  sendError: null,
  screenshot: null,
  durationMs: 0,
};

function finish(exitCode, failure) {
  result.durationMs = Date.now() - startedAt;
  if (failure) {
    result.failedCheck = failure.check;
    result.error = failure.message;
    console.error(`FAILED: ${failure.check}: ${failure.message}`);
  }
  console.log(JSON.stringify(result));
  process.exitCode = exitCode;
}

function begin(check) {
  currentCheck = check;
  return check;
}

function isLoopback(url) {
  return (url.protocol === "http:" || url.protocol === "ws:") && LOOPBACK_HOSTS.has(url.hostname);
}

function parseArguments(args) {
  if (args.length !== 2) {
    throw new CheckFailed("arguments", "expected BASE_URL and SCREENSHOT_PATH, got " + JSON.stringify(args));
  }
  let baseUrl;
  try {
    baseUrl = new URL(args[0]);
  } catch {
    throw new CheckFailed("arguments", `BASE_URL '${args[0]}' is not a valid URL`);
  }
  if (!isLoopback(baseUrl)) {
    throw new CheckFailed("arguments", `BASE_URL '${args[0]}' is not an http URL on localhost, 127.0.0.1 or [::1]`);
  }
  return { baseUrl: baseUrl.origin, screenshotPath: args[1] };
}

// Runs in the page: returns each line of the chat as { from, message, mine }, where `from` is "system" for joins
// and departures.
function readChatLines() {
  return [...document.querySelectorAll("#messages li")].map((item) => {
    if (item.classList.contains("system")) {
      return { from: "system", message: item.textContent, mine: false };
    }
    const from = item.querySelector(".from")?.textContent ?? "";
    return { from, message: item.textContent.slice(from.length), mine: item.classList.contains("mine") };
  });
}

/** Calls `probe` until `accept` returns true for its value, and returns that value. */
async function waitFor(check, description, probe, accept) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let value = await probe();
  while (!accept(value)) {
    if (Date.now() > deadline) {
      throw new CheckFailed(check, `${description} within ${STEP_TIMEOUT_MS} ms. Last value: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    value = await probe();
  }
  return value;
}

async function waitForLine(check, user, from, message) {
  const lines = await waitFor(check, `${user.name}'s page did not show ${from}: '${abbreviate(message)}'`,
    () => user.page.evaluate(readChatLines),
    (shown) => shown.some((line) => line.from === from && line.message === message));
  return lines.find((line) => line.from === from && line.message === message);
}

async function waitForText(check, user, selector, description, accept) {
  return waitFor(check, `${user.name}'s page did not show ${description}`,
    () => user.page.locator(selector).textContent(), accept);
}

function expect(check, condition, message) {
  if (!condition) {
    throw new CheckFailed(check, message);
  }
}

function abbreviate(text) {
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length} characters)` : text;
}

async function openPage(browser, name, baseUrl, outsideRequests, pageErrors) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  // HTTP requests to other hosts are aborted and recorded, so the run fails if the page makes one. Playwright does
  // not intercept WebSockets with route(), so those are only recorded.
  await context.route((url) => !isLoopback(url), (route) => {
    outsideRequests.push(route.request().url());
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("websocket", (socket) => {
    if (!isLoopback(new URL(socket.url()))) {
      outsideRequests.push(socket.url());
    }
  });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on("pageerror", (error) => pageErrors.push(`${name}: ${error.message}`));
  await page.goto(baseUrl);
  return { name, context, page };
}

async function join(check, user) {
  await user.page.getByLabel("Your name").fill(user.name);
  await user.page.getByRole("button", { name: "Join" }).click();
  await waitForText(check, user, "#status", `'Connected as ${user.name}'`,
    (text) => text === `Connected as ${user.name}`);
  expect(check, await user.page.locator("#join-form").isHidden(), `${user.name}'s join form is still shown`);
  expect(check, await user.page.locator("#messages").isVisible(), `${user.name}'s message list is not shown`);
}

async function messageInputValue(user) {
  return user.page.locator("#message").inputValue();
}

async function run(baseUrl, screenshotPath) {
  const outsideRequests = [];
  const pageErrors = [];
  let browser;
  begin("launch");
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: LAUNCH_TIMEOUT_MS,
    });
  } catch (error) {
    throw new CheckFailed("launch", `starting ${CHROMIUM_PATH} failed: ${error.message.split("\n")[0]}. `
      + "Install Debian's chromium package ('apt-get install chromium') or set CHROMIUM_PATH");
  }
  result.chromium = browser.version();

  try {
    begin("open pages");
    const alice = await openPage(browser, "alice", baseUrl, outsideRequests, pageErrors);
    const bob = await openPage(browser, "bob", baseUrl, outsideRequests, pageErrors);

    let check = begin("join");
    await join(check, alice);
    await join(check, bob);
    // The chat keeps no history, so only alice, who joined first, can see the other user join.
    await waitForLine(check, alice, "system", "bob joined");
    await waitForLine(check, bob, "system", "bob joined");
    result.checks.push(check);

    check = begin("send with Enter");
    const greeting = "Hi bob, can you see this?";
    await alice.page.locator("#message").fill(greeting);
    await alice.page.locator("#message").press("Enter");
    const greetingAtBob = await waitForLine(check, bob, "alice", greeting);
    const greetingAtAlice = await waitForLine(check, alice, "alice", greeting);
    expect(check, !greetingAtBob.mine, "bob's page marks alice's message as bob's own");
    expect(check, greetingAtAlice.mine, "alice's page does not mark alice's message as her own");
    expect(check, (await messageInputValue(alice)) === "", "alice's message input was not cleared after sending");
    result.checks.push(check);

    check = begin("send with button");
    const reply = "Yes, it arrived right away.";
    await bob.page.locator("#message").fill(reply);
    await bob.page.getByRole("button", { name: "Send" }).click();
    await waitForLine(check, alice, "bob", reply);
    await waitForLine(check, bob, "bob", reply);
    expect(check, (await messageInputValue(bob)) === "", "bob's message input was not cleared after sending");
    result.checks.push(check);

    check = begin("screenshot");
    const closing = "Great, see you at the stand-up.";
    await alice.page.locator("#message").fill(closing);
    await alice.page.locator("#message").press("Enter");
    await waitForLine(check, bob, "alice", closing);
    await bob.page.screenshot({ path: screenshotPath, fullPage: true });
    result.screenshot = screenshotPath;
    result.checks.push(check);

    check = begin("name too long");
    const visitor = await openPage(browser, "visitor", baseUrl, outsideRequests, pageErrors);
    // The input's maxlength stops typing at 64 characters, so the script sets the value directly.
    await visitor.page.locator("#name").evaluate((input, name) => { input.value = name; }, "n".repeat(MAX_NAME_LENGTH + 1));
    await visitor.page.getByRole("button", { name: "Join" }).click();
    result.joinError = await waitForText(check, visitor, "#join-error", "an error for the long name",
      (text) => text.includes(String(MAX_NAME_LENGTH)));
    expect(check, await visitor.page.locator("#room").isHidden(), "the chat room opened for a name that is too long");
    expect(check, await visitor.page.locator("#join-form").isVisible(), "the join form was hidden after the error");
    await visitor.context.close();
    result.checks.push(check);

    check = begin("message too long");
    const longMessage = "m".repeat(MAX_MESSAGE_LENGTH + 1);
    // The input's maxlength stops typing at 2,000 characters, so the script sets the value directly.
    await alice.page.locator("#message").evaluate((input, text) => { input.value = text; }, longMessage);
    await alice.page.getByRole("button", { name: "Send" }).click();
    result.sendError = await waitForText(check, alice, "#send-error", "an error for the long message",
      (text) => text.length > 0);
    // Messages reach bob in the order alice sends them, so the rejected message cannot arrive after this one.
    const followUp = "That one was too long.";
    await alice.page.locator("#message").fill(followUp);
    await alice.page.locator("#message").press("Enter");
    await waitForLine(check, bob, "alice", followUp);
    await waitForLine(check, alice, "alice", followUp);
    for (const user of [alice, bob]) {
      const lines = await user.page.evaluate(readChatLines);
      expect(check, !lines.some((line) => line.message.length > MAX_MESSAGE_LENGTH),
        `${user.name}'s page shows the message of ${MAX_MESSAGE_LENGTH + 1} characters`);
    }
    expect(check, (await alice.page.locator("#send-error").textContent()) === "",
      "alice's send error was not cleared by the next message");
    result.checks.push(check);

    check = begin("leave");
    await bob.context.close();
    await waitForLine(check, alice, "system", "bob left");
    expect(check, (await alice.page.locator("#status").textContent()) === "Connected as alice",
      "alice's status changed when bob left");
    result.checks.push(check);

    check = begin("reconnect");
    // Drops alice's socket as a network failure would; the page must show it and connect again on its own.
    await alice.page.evaluate(() => {
      window.statusHistory = [];
      const status = document.getElementById("status");
      new MutationObserver(() => window.statusHistory.push(status.textContent))
        .observe(status, { childList: true, characterData: true, subtree: true });
      socket.close(4000, "dropped by the test");
    });
    await waitFor(check, "alice's page did not show that it was reconnecting",
      () => alice.page.evaluate(() => window.statusHistory),
      (history) => history.some((text) => text.startsWith("Disconnected, reconnecting")));
    await waitFor(check, "alice's page did not connect again",
      () => alice.page.evaluate(() => window.statusHistory),
      (history) => history.length > 0 && history[history.length - 1] === "Connected as alice");
    const afterReconnect = "Back again.";
    await alice.page.locator("#message").fill(afterReconnect);
    await alice.page.locator("#message").press("Enter");
    await waitForLine(check, alice, "alice", afterReconnect);
    result.checks.push(check);

    check = begin("no page errors");
    expect(check, pageErrors.length === 0, "the page threw: " + pageErrors.join("; "));
    result.checks.push(check);
  } finally {
    await browser.close();
  }

  const check = begin("loopback only");
  expect(check, outsideRequests.length === 0,
    "the page requested hosts other than loopback: " + outsideRequests.join(", "));
  result.checks.push(check);
}

// Ends a hung run. Playwright kills the browser when this process exits.
const runTimer = setTimeout(() => {
  finish(1, new CheckFailed(currentCheck, `the run did not finish within ${RUN_TIMEOUT_MS} ms`));
  process.exit();
}, RUN_TIMEOUT_MS);

try {
  const { baseUrl, screenshotPath } = parseArguments(process.argv.slice(2));
  result.baseUrl = baseUrl;
  try {
    await run(baseUrl, screenshotPath);
    result.ok = true;
    finish(0);
  } catch (error) {
    finish(1, error instanceof CheckFailed ? error : new CheckFailed(currentCheck, error.stack ?? String(error)));
  }
} catch (error) {
  finish(2, error);
} finally {
  clearTimeout(runTimer);
}
