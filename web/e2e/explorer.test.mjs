// The explorer and GraphiQL in real headless Chromium against `scrutiny
// serve` of the seed. What each page must show is counted through GraphQL
// first, apart from the page; the subjects (a phrase, a person, a report)
// are picked from the graph, not named here.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { gql, gqlAll, launchBrowser, recordingPage, screenshot, startServer } from "./harness.mjs";

let server;
let browser;
const requests = [];
const pages = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

async function open(path, options) {
  const page = await recordingPage(browser, requests, options);
  pages.push(page);
  await page.goto(`${server.base}${path}`);
  return page;
}

/** The first statement whose text has eight words in a row to search for. */
async function statementToFind() {
  const statements = await gqlAll(server.base, "statements", "id text provenance { firstLine lastLine quote }");
  for (const node of statements) {
    const words = (node.text ?? "").split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w));
    if (words.length >= 12) return { ...node, phrase: words.slice(2, 6).join(" ") };
  }
  throw new Error("no statement with words to search for");
}

test("a phrase searched for finds its statement, and cite gives the exact quote and lines", async () => {
  const statement = await statementToFind();
  const page = await open("/");
  const started = await page.evaluate(() => performance.now());
  await page.getByTestId("search-input").fill(statement.phrase);
  await page.getByTestId("search-input").press("Enter");
  await page.getByTestId("hit").first().waitFor();
  const searched = await page.evaluate((t) => performance.now() - t, started);
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return { interactive: nav.domInteractive, loaded: nav.loadEventEnd };
  });
  console.log(`# timing: DOM interactive ${timing.interactive.toFixed(0)} ms, load ${timing.loaded.toFixed(0)} ms, search to first hit ${searched.toFixed(0)} ms`);
  // The statement is among the hits (the words need not be a phrase in all of them).
  const hit = page.getByTestId("hit").filter({ has: page.locator(`a[href="#/node/${statement.id}"]`) });
  assert.equal(await hit.count(), 1, `no hit links to ${statement.id} for "${statement.phrase}"`);
  await screenshot(page, "search");
  await hit.getByTestId("cite").first().click();
  const citation = await page.getByTestId("citation-text").first().textContent();
  const span = statement.provenance[0];
  assert.ok(citation.includes(span.quote), `the citation holds the exact quote:\n${citation}`);
  const lines = span.firstLine === span.lastLine ? `line ${span.firstLine}` : `lines ${span.firstLine}–${span.lastLine}`;
  assert.ok(citation.includes(lines), `the citation names ${lines}:\n${citation}`);
  await screenshot(page, "cite");
});

test("a person's page lists their roles and statements", async () => {
  const people = await gqlAll(server.base, "people", "id name roles { role organisation { id } } statements(first: 1) { totalCount }");
  const person = people
    .filter((p) => p.roles.length > 0 && p.statements.totalCount > 0)
    .sort((a, b) => b.statements.totalCount - a.statements.totalCount)[0];
  assert.ok(person, "the seed has a person with roles and statements");
  const page = await open(`/#/node/${person.id}`);
  await page.getByRole("heading", { level: 1, name: person.name }).waitFor();
  await page.getByTestId("roles").waitFor();
  // One entry per role held at an organisation, however many documents record it.
  const held = new Set(person.roles.map((r) => `${r.role}|${r.organisation?.id}`));
  const roles = await page.getByTestId("roles").locator("li").count();
  assert.equal(roles, held.size, "one entry per role and organisation");
  await page.getByTestId("statement").first().waitFor();
  const shown = await page.getByTestId("statement").count();
  assert.ok(shown > 0 && shown <= person.statements.totalCount, `${shown} of ${person.statements.totalCount} statements`);
  await screenshot(page, "person");
});

test("a report's page shows every recommendation and every response", async () => {
  const documents = await gqlAll(server.base, "documents", "id title recommendations { id responses { id } }");
  const report = documents
    .filter((d) => d.recommendations.length > 0)
    .sort((a, b) => b.recommendations.length - a.recommendations.length)[0];
  const responses = report.recommendations.reduce((n, r) => n + r.responses.length, 0);
  const unanswered = report.recommendations.filter((r) => r.responses.length === 0).length;
  const page = await open(`/#/node/${report.id}`);
  await page.getByTestId("recommendation").first().waitFor();
  assert.equal(await page.getByTestId("recommendation").count(), report.recommendations.length);
  assert.equal(await page.getByTestId("recommendation").getByTestId("response").count(), responses);
  if (unanswered > 0) {
    const list = page.getByTestId("unanswered");
    assert.equal(await list.locator("li").count(), unanswered, "every unanswered recommendation listed");
  }
  await screenshot(page, "report");
});

test("a meeting's page shows its attendance by status and its transcript turn by turn", async () => {
  const meetings = await gqlAll(server.base, "meetings", "id attendance { status } statements(first: 1) { totalCount }");
  const meeting = meetings
    .filter((m) => m.attendance.length > 0 && m.statements.totalCount > 0)
    .sort((a, b) => b.statements.totalCount - a.statements.totalCount)[0];
  assert.ok(meeting, "the seed has a meeting with attendance and a transcript");
  const page = await open(`/#/node/${meeting.id}`);
  await page.getByTestId("attendee").first().waitFor();
  const statuses = await page.getByTestId("attendee").evaluateAll((els) => els.map((e) => e.dataset.status).sort());
  assert.deepEqual(statuses, meeting.attendance.map((a) => a.status ?? undefined).sort());
  await page.getByTestId("statement").first().waitFor();
  const turns = await page.getByTestId("statement").count();
  assert.ok(turns > 0 && turns <= meeting.statements.totalCount, `${turns} of ${meeting.statements.totalCount} turns`);
  await screenshot(page, "meeting");
});

test("the search box is a key away, and a hit is reached by keyboard", async () => {
  const page = await open("/#/reports");
  await page.locator("h1").first().waitFor();
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "search-input");
  await page.keyboard.type("police");
  await page.keyboard.press("Enter");
  await page.getByTestId("hit").first().waitFor();
  assert.match(page.url(), /#\/search\?q=police/);
  await page.goBack();
  await page.locator("h1").first().waitFor();
  assert.match(page.url(), /#\/reports/, "the back button returns to the page before");
});

test("the graph view draws the neighbourhood's nodes", async () => {
  const data = await gql(server.base, `{ meetings(first: 1) { edges { node { id } } } }`);
  const id = data.meetings.edges[0].node.id;
  const hood = await gql(server.base, `query($id: ID!) { neighbourhood(id: $id) { nodes { id } edges { id } } }`, { id });
  const page = await open(`/#/graph/${id}`);
  await page.getByTestId("graph").waitFor();
  await page.getByTestId("graph-node").first().waitFor();
  assert.equal(await page.getByTestId("graph-node").count(), hood.neighbourhood.nodes.length);
  const drawn = await page.evaluate(() => window.__scrutinyGraph?.nodes().length);
  assert.equal(drawn, hood.neighbourhood.nodes.length, "every node drawn on the canvas");
  const keys = await page.getByTestId("graph-node").evaluateAll((els) => els.map((e) => e.dataset.key).sort());
  assert.deepEqual(keys, hood.neighbourhood.nodes.map((n) => n.id).sort());
  await page.waitForTimeout(500); // let the layout settle for the picture
  await screenshot(page, "graph");
});

test("the source view highlights the cited lines and scrolls them into view", async () => {
  const data = await gql(
    server.base,
    `{ responses(first: 1) { edges { node { provenance { documentId firstLine lastLine quote } } } } }`,
  );
  const span = data.responses.edges[0].node.provenance[0];
  const page = await open(`/#/source/${span.documentId}?from=${span.firstLine}&to=${span.lastLine}`);
  await page.locator('[data-testid="source-line"][data-cited="true"]').first().waitFor();
  const cited = await page
    .locator('[data-testid="source-line"][data-cited="true"]')
    .evaluateAll((els) => els.map((e) => Number(e.dataset.line)));
  const expected = Array.from({ length: span.lastLine - span.firstLine + 1 }, (_, i) => span.firstLine + i);
  assert.deepEqual(cited, expected);
  const text = await page.locator('[data-testid="source-line"][data-cited="true"]').allTextContents();
  const firstWords = span.quote.split("\n")[0].trim().slice(0, 30);
  assert.ok(text.join("\n").includes(firstWords), "the cited lines hold the quote");
  await page.waitForTimeout(300); // smooth scrolling
  assert.ok(await page.locator('[data-cited="true"]').first().isVisible());
  const inView = await page.locator('[data-cited="true"]').first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  assert.ok(inView, "the first cited line is scrolled into view");
  await screenshot(page, "source");
});

test("GraphiQL runs a query with nothing from elsewhere", async () => {
  const page = await open("/graphiql");
  const run = page.locator(".graphiql-execute-button");
  await run.waitFor({ timeout: 20_000 });
  // The editor is ready once it shows the default query.
  await page.locator(".graphiql-query-editor").getByText("search").first().waitFor({ timeout: 20_000 });
  const answered = () =>
    page.locator(".graphiql-response").evaluate((el) => el.textContent.includes('"totalCount"'));
  // A click while GraphiQL still loads the schema can be lost: try again.
  for (let attempt = 0; attempt < 5 && !(await answered()); attempt++) {
    await run.click();
    await page.waitForTimeout(1000);
  }
  assert.ok(await answered(), "the response pane shows the query's answer");
  await screenshot(page, "graphiql");
});

test("the explorer reads well on a phone", async () => {
  const page = await open("/#/search?q=police", { viewport: { width: 375, height: 740 }, isMobile: true });
  await page.getByTestId("hit").first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling at 375 px (${overflow} px too wide)`);
  await screenshot(page, "phone");
});

test("no request of any page leaves the host, and no page threw", async () => {
  assert.ok(requests.length > 10, `the pages made requests (${requests.length})`);
  const host = new URL(server.base).host;
  const away = requests.filter((url) => {
    if (url.startsWith("data:") || url.startsWith("blob:")) return false;
    return new URL(url).host !== host;
  });
  assert.deepEqual(away, [], "requests that left the host");
  for (const page of pages) assert.deepEqual(page.errors, [], `errors on ${page.url()}`);
});
