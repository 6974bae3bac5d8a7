// Proves that a browser app can call assistants4j from another origin (CORS): a real Chromium (Debian's `chromium`,
// driven by playwright-core, no browser download) opens a page served by a tiny HTTP server on another port, and the
// page itself calls the server with fetch: the preflights, the JSON answers, an SSE stream read to its end, and an
// error body are all things the browser only lets the page read when the server's CORS headers allow it. Last, the page
// loads the official `openai` package (7.x, its ES modules served from node_modules) and uses it as a browser app
// would, with the x-stainless-* headers it sends from browsers.
//
//   ASSISTANTS_BASE_URL=http://127.0.0.1:8080/v1 ASSISTANTS_API_KEY=sk-... ASSISTANTS_WRONG_KEY=sk-wrong... \
//   ASSISTANTS_MODEL=mock-gpt [ASSISTANTS_REFUSING_BASE_URL=http://127.0.0.1:8081/v1] \
//   [CHROMIUM_PATH=/usr/bin/chromium] node browser.mjs chromium
//
// ASSISTANTS_MODEL must answer runs offline (a `mock/...` model). ASSISTANTS_REFUSING_BASE_URL, when given, is a
// server whose general_settings.allowed_origins leaves the page's origin out: the page must not be able to read it.
// BrowserCorsTest provides both. Prints `ok - name` / `not ok - name: error` per check, then `N passed, M failed`;
// exits 1 if any check failed.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createRunner } from './lib.mjs';

const baseURL = process.env.ASSISTANTS_BASE_URL;
const apiKey = process.env.ASSISTANTS_API_KEY;
const wrongKey = process.env.ASSISTANTS_WRONG_KEY;
const model = process.env.ASSISTANTS_MODEL;
const refusingBaseURL = process.env.ASSISTANTS_REFUSING_BASE_URL;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (process.argv[2] !== 'chromium' || !baseURL || !apiKey || !wrongKey || !model) {
  console.error(
    'usage: ASSISTANTS_BASE_URL=... ASSISTANTS_API_KEY=... ASSISTANTS_WRONG_KEY=... ASSISTANTS_MODEL=... ' +
      'node browser.mjs chromium',
  );
  process.exit(2);
}

const SDK_DIR = fileURLToPath(new URL('./node_modules/openai7', import.meta.url));

/**
 * The app's origin: a page on another port of this host, so every call to the server is cross-origin; it also serves
 * the openai 7.x package's files under /sdk/.
 */
async function servePage() {
  const server = http.createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://page');
    if (pathname.startsWith('/sdk/')) {
      const file = path.join(SDK_DIR, pathname.slice('/sdk/'.length));
      const source = file.startsWith(SDK_DIR + path.sep) ? await fs.readFile(file).catch(() => null) : null;
      response.writeHead(source ? 200 : 404, { 'Content-Type': 'text/javascript; charset=utf-8' });
      response.end(source ?? '');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>browser app</title><p>An app on its own origin.</p>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

const started = Date.now();
const app = await servePage();
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
const page = await browser.newPage();
const consoleMessages = [];
page.on('console', (message) => consoleMessages.push(message.text()));
await page.goto(app.url);
console.log(`# ${browser.version()} on ${app.url} against ${baseURL}`);

// The runner only uses its argument to describe SDK errors; these checks see none.
const { check, runChecks } = createRunner({ APIError: class {} });

/**
 * Runs `fetch(base + path, init)` inside the page and answers what the page could read: the status, the body, and
 * the headers it asks for (null when the browser hides them). A fetch the browser refuses comes back as `{ refused }`.
 */
function pageFetch(base, path, init, headers = ['x-request-id']) {
  return page.evaluate(
    async ({ url, init, headers }) => {
      try {
        const response = await fetch(url, init);
        const body = await response.text(); // read to the end, also for a stream
        return {
          status: response.status,
          body,
          headers: Object.fromEntries(headers.map((name) => [name, response.headers.get(name)])),
        };
      } catch (error) {
        return { refused: `${error.name}: ${error.message}` };
      }
    },
    { url: base + path, init, headers },
  );
}

const json = (key, body) => ({
  method: 'POST',
  headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'OpenAI-Beta': 'assistants=v2' },
  body: JSON.stringify(body),
});

function answered(result, status) {
  assert.equal(result.refused, undefined, `the browser refused the call: ${result.refused}`);
  assert.equal(result.status, status, result.body);
  return result;
}

let assistantId;

check('the page runs on another origin than the server', async () => {
  const pageOrigin = await page.evaluate(() => location.origin);
  assert.notEqual(pageOrigin, new URL(baseURL).origin);
  assert.match(pageOrigin, /^http:\/\/127\.0\.0\.1:\d+$/);
});

check('creates an assistant with Authorization: Bearer and reads x-request-id', async () => {
  const result = answered(await pageFetch(baseURL, '/assistants', json(apiKey, { model, name: 'Browser' })), 200);
  const assistant = JSON.parse(result.body);
  assert.match(assistant.id, /^asst_/);
  assert.equal(assistant.name, 'Browser');
  assert.match(result.headers['x-request-id'] ?? '', /^req_/, 'x-request-id is exposed to the page');
  assistantId = assistant.id;
});

check('creates a thread and a streamed run and reads the SSE body to its end', async () => {
  assert.ok(assistantId, 'needs the assistant of the previous check');
  const body = { assistant_id: assistantId, stream: true, thread: { messages: [{ role: 'user', content: 'Hi' }] } };
  const result = answered(await pageFetch(baseURL, '/threads/runs', json(apiKey, body), ['content-type']), 200);
  assert.match(result.headers['content-type'] ?? '', /^text\/event-stream/);
  assert.match(result.body, /^event: thread\.created$/m);
  assert.match(result.body, /^event: thread\.message\.delta$/m);
  assert.match(result.body, /^event: thread\.run\.completed$/m);
  assert.match(result.body, /^data: \[DONE\]$/m);
});

check('reads the 401 JSON body of a wrong key', async () => {
  const result = answered(await pageFetch(baseURL, '/assistants', json(wrongKey, { model })), 401);
  const { error } = JSON.parse(result.body);
  assert.equal(error.code, 'invalid_api_key');
  assert.equal(error.type, 'invalid_request_error');
  assert.ok(!result.body.includes(wrongKey), 'the key is not echoed');
  assert.match(result.headers['x-request-id'] ?? '', /^req_/);
});

check('reads the 404 JSON body of an unknown assistant', async () => {
  const init = { headers: { Authorization: `Bearer ${apiKey}`, 'OpenAI-Beta': 'assistants=v2' } };
  const result = answered(await pageFetch(baseURL, '/assistants/asst_nope', init), 404);
  assert.match(JSON.parse(result.body).error.message, /asst_nope/);
});

check('the official openai package (7.x) works in the page', async () => {
  const result = await page.evaluate(
    async ({ baseURL, apiKey, model }) => {
      const { default: OpenAI } = await import('/sdk/index.mjs');
      const client = new OpenAI({ baseURL, apiKey, dangerouslyAllowBrowser: true, maxRetries: 0 });
      const assistant = await client.beta.assistants.create({ model, name: 'SDK in a browser' });
      const stream = await client.beta.threads.createAndRun({
        assistant_id: assistant.id,
        stream: true,
        thread: { messages: [{ role: 'user', content: 'Hi' }] },
      });
      const events = [];
      for await (const event of stream) {
        events.push(event.event);
      }
      return { id: assistant.id, requestId: assistant._request_id, events };
    },
    { baseURL, apiKey, model },
  );
  assert.match(result.id, /^asst_/);
  assert.match(result.requestId ?? '', /^req_/, 'the SDK reads x-request-id');
  assert.equal(result.events[0], 'thread.created');
  assert.ok(result.events.includes('thread.message.delta'), result.events.join(' '));
  assert.equal(result.events.at(-1), 'thread.run.completed');
});

if (refusingBaseURL) {
  check('a server that does not allow the page origin cannot be read by the page', async () => {
    const init = { headers: { Authorization: `Bearer ${apiKey}` } };
    const before = consoleMessages.length;
    const result = await pageFetch(refusingBaseURL, '/assistants', init);
    assert.match(result.refused ?? `answered ${result.status}`, /^TypeError: /);
    const cors = await eventually(() => consoleMessages.slice(before).find((text) => /CORS policy/.test(text)));
    console.log(`# the browser said: ${cors}`);
  });
}

/** Polls `probe` until it returns a value, for at most 5 s. */
async function eventually(probe) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = probe();
    if (value) {
      return value;
    }
    assert.ok(Date.now() < deadline, 'no such console message within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let ok = false;
try {
  ok = await runChecks();
} finally {
  await browser.close();
  app.server.close();
  console.log(`# browser checks took ${Date.now() - started} ms, Chromium's start included`);
}
process.exit(ok ? 0 : 1);
