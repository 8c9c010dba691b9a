// What every browser test shares: a `scrutiny serve` of the seed on a free
// loopback port, headless Chromium (Debian's, driven by playwright-core),
// GraphQL for counting what a page should show independently of the page,
// and a record of every request the browser makes.
//
// SCRUTINY_BIN names the binary (default ../target/debug/scrutiny); SCREENSHOTS
// names a folder to write the main pages' screenshots into.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "../..");

/** Starts the server on the seed; resolves to { base, stop }. */
export async function startServer() {
  const bin = process.env.SCRUTINY_BIN ?? join(root, "target/debug/scrutiny");
  const dataDir = mkdtempSync(join(tmpdir(), "scrutiny-e2e-"));
  const child = spawn(bin, ["serve", "--data-dir", dataDir, "--seed-dir", join(root, "seed"), "--bind", "127.0.0.1:0"], {
    env: { ...process.env, RUST_LOG: "info", SCRUTINY_BASE_IRI: "http://127.0.0.1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const lines = createInterface({ input: child.stderr });
  const base = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("the server did not start in 120 s")), 120_000);
    child.on("exit", (code) => fail(new Error(`the server exited with ${code}`)));
    // Read on to the end, so the server's log never meets a closed pipe.
    lines.on("line", (line) => {
      const found = /GraphQL at (http:\/\/[^/\s]+)/.exec(line);
      if (found) {
        clearTimeout(timer);
        ok(found[1]);
      }
    });
  });
  return {
    base,
    stop() {
      child.kill("SIGINT");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium with nothing of its own reaching out (see the machine notes). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** GraphQL straight to the server: what the page should show, counted apart from it. */
export async function gql(base, query, variables = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A page that records every request it makes into `requests`. */
export async function recordingPage(browser, requests, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on("request", (request) => requests.push(request.url()));
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.errors = errors;
  return page;
}

/** Writes a screenshot when SCREENSHOTS names a folder. */
export async function screenshot(page, name) {
  const folder = process.env.SCREENSHOTS;
  if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: false });
}

/** Every node of a root connection (`people`, `documents`, …), page by page. */
export async function gqlAll(base, field, selection) {
  const nodes = [];
  let after = null;
  for (;;) {
    const data = await gql(
      base,
      `query($after: String) { ${field}(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${selection} } } } }`,
      { after },
    );
    const page = data[field];
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}
