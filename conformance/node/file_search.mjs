// Drives file_search end to end on a running assistants4j server with the official `openai` npm package: vector
// stores, their files and file batches (the upload-and-poll helpers), search (7.x), and runs whose model calls the
// file_search tool and cites the file it found.
//
//   ASSISTANTS_BASE_URL=http://127.0.0.1:8080/v1 ASSISTANTS_API_KEY=sk-... \
//   ASSISTANTS_UPSTREAM_CONTROL=http://127.0.0.1:9090 node file_search.mjs openai4|openai7
//
// The server must route the model `gpt-4o-mini` to a scripted fake upstream whose control endpoint is
// ASSISTANTS_UPSTREAM_CONTROL (see runs.mjs: `POST /enqueue`, `POST /reset`); NodeSdkFileSearchConformanceTest
// provides both, with the server's real local embedding model and index.
//
// Prints `ok - name` / `not ok - name: error` per check, then `N passed, M failed`; exits 1 if any check failed.
import assert from 'node:assert/strict';
import { connect, createRunner, upstreamControl } from './lib.mjs';

const MODEL = 'gpt-4o-mini';

const { OpenAI, toFile, client, control } = await connect('file_search.mjs');

const { enqueue, runIsolated } = upstreamControl(control, assert);
const { check, runChecks, describe } = createRunner(OpenAI, runIsolated);

// ---------------------------------------------------------------------------------------------------------------
// Where 4.x (beta.vectorStores, store id first) and 5.x+ (vectorStores, file/batch id first) differ.

const v4 = typeof client.beta.threads.del === 'function';
const stores = v4 ? client.beta.vectorStores : client.vectorStores;
const vs = {
  create: (body) => stores.create(body),
  retrieve: (id) => stores.retrieve(id),
  update: (id, body) => stores.update(id, body),
  list: (query) => stores.list(query),
  remove: (id) => (v4 ? stores.del(id) : stores.delete(id)),
  // No pollIntervalMs (4.x's fileBatches.uploadAndPoll would drop it anyway): the server's openai-poll-after-ms header
  // keeps the helpers from waiting their default 5 s between polls.
  uploadBatch: (id, files) => stores.fileBatches.uploadAndPoll(id, { files }),
  uploadFile: (id, file) => stores.files.uploadAndPoll(id, file),
  retrieveFile: (id, fileId) => (v4 ? stores.files.retrieve(id, fileId) : stores.files.retrieve(fileId, { vector_store_id: id })),
  listFiles: (id, query) => stores.files.list(id, query),
  removeFile: (id, fileId) => (v4 ? stores.files.del(id, fileId) : stores.files.delete(fileId, { vector_store_id: id })),
  listBatchFiles: (id, batchId) =>
    v4 ? stores.fileBatches.listFiles(id, batchId) : stores.fileBatches.listFiles(batchId, { vector_store_id: id }),
};
const removeFile = (id) => (typeof client.files.delete === 'function' ? client.files.delete(id) : client.files.del(id));
const runSteps = (threadId, runId, query) =>
  v4
    ? client.beta.threads.runs.steps.list(threadId, runId, query)
    : client.beta.threads.runs.steps.list(runId, { thread_id: threadId, ...query });

// ---------------------------------------------------------------------------------------------------------------
// A small corpus: each file is about one thing, so a query finds it by meaning and by keyword.

const REACTOR = [
  '# The Zorblax reactor',
  'The Zorblax fusion reactor in hall 7 runs at a core temperature of 451 kelvin during normal operation.',
  'Its coolant is liquid helium, replaced every ninety days by the maintenance crew.',
].join('\n\n');
const BAKERY = [
  '# Sourdough at the corner bakery',
  'The corner bakery proves its sourdough for eighteen hours before baking it in a stone oven at dawn.',
].join('\n\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

const text = (name, content) => toFile(Buffer.from(content), name);

/** A vector store holding the reactor and bakery files, ingested; returns the store and the file ids by name. */
async function corpusStore(name = 'corpus') {
  const store = await vs.create({ name, metadata: { suite: 'file_search' } });
  const batch = await vs.uploadBatch(store.id, [await text('reactor.md', REACTOR), await text('bakery.md', BAKERY)]);
  assert.equal(batch.status, 'completed', `batch ${JSON.stringify(batch)}`);
  assert.deepEqual(batch.file_counts, { in_progress: 0, completed: 2, failed: 0, cancelled: 0, total: 2 });
  const files = (await vs.listBatchFiles(store.id, batch.id)).data;
  assert.equal(files.length, 2);
  const uploaded = await Promise.all(files.map((file) => client.files.retrieve(file.id)));
  const ids = Object.fromEntries(uploaded.map((file) => [file.filename, file.id]));
  return { store, ids };
}

function textPart(message) {
  assert.equal(message.content.length, 1, `content of ${message.id}: ${JSON.stringify(message.content)}`);
  assert.equal(message.content[0].type, 'text');
  return message.content[0].text;
}

/** Scripts the model: a file_search call with `queries`, then an answer citing the first result. */
async function scriptSearchThenCite(queries, before, after) {
  await enqueue({ toolCalls: [{ name: 'file_search', arguments: JSON.stringify({ queries }) }] });
  await enqueue({ text: [before, '【0:0†reactor.md】', after] });
}

function assertCitation(textValue, fileId) {
  const marker = '【0:0†reactor.md】';
  const start = textValue.value.indexOf(marker);
  assert.ok(start >= 0, `marker in ${JSON.stringify(textValue.value)}`);
  assert.deepEqual(
    textValue.annotations.map(({ type, text: markerText, start_index, end_index, file_citation }) => ({
      type,
      text: markerText,
      start_index,
      end_index,
      file_id: file_citation.file_id,
    })),
    [{ type: 'file_citation', text: marker, start_index: start, end_index: start + marker.length, file_id: fileId }],
  );
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Vector stores

check('vector stores: create, retrieve, update, list, delete', async () => {
  const created = await vs.create({
    name: 'empty',
    metadata: { team: 'docs' },
    expires_after: { anchor: 'last_active_at', days: 7 },
  });
  assert.match(created.id, /^vs_/);
  assert.equal(created.object, 'vector_store');
  assert.equal(created.status, 'completed');
  assert.deepEqual(created.file_counts, { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 });
  assert.deepEqual(created.expires_after, { anchor: 'last_active_at', days: 7 });
  assert.ok(Number.isInteger(created.expires_at), `expires_at ${created.expires_at}`);

  const updated = await vs.update(created.id, { name: 'renamed', metadata: { team: 'support' } });
  assert.equal(updated.name, 'renamed');
  assert.deepEqual(updated.metadata, { team: 'support' });
  assert.equal((await vs.retrieve(created.id)).name, 'renamed');
  const listed = (await vs.list({ limit: 100 })).data.map((store) => store.id);
  assert.ok(listed.includes(created.id), `list ${listed}`);

  const deleted = await vs.remove(created.id);
  assert.deepEqual(deleted, { id: created.id, object: 'vector_store.deleted', deleted: true });
  try {
    await vs.retrieve(created.id);
    assert.fail('retrieve after delete succeeded');
  } catch (error) {
    assert.ok(error instanceof OpenAI.NotFoundError, describe(error));
  }
});

check('fileBatches.uploadAndPoll: the batch completes; the store counts its files and bytes', async () => {
  const { store, ids } = await corpusStore();

  const after = await vs.retrieve(store.id);
  assert.equal(after.status, 'completed');
  assert.deepEqual(after.file_counts, { in_progress: 0, completed: 2, failed: 0, cancelled: 0, total: 2 });
  assert.ok(after.usage_bytes > 0, `usage_bytes ${after.usage_bytes}`);
  const file = await vs.retrieveFile(store.id, ids['reactor.md']);
  assert.equal(file.object, 'vector_store.file');
  assert.equal(file.status, 'completed');
  assert.equal(file.vector_store_id, store.id);
  assert.equal(file.last_error, null);
  assert.deepEqual(file.chunking_strategy, {
    type: 'static',
    static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 },
  });
  const completed = (await vs.listFiles(store.id, { filter: 'completed' })).data.map((f) => f.id).sort();
  assert.deepEqual(completed, Object.values(ids).sort());
  assert.deepEqual((await vs.listFiles(store.id, { filter: 'failed' })).data, []);
});

check('files.uploadAndPoll: an image ends failed with unsupported_file, never stuck in progress', async () => {
  const store = await vs.create({ name: 'images' });

  const file = await vs.uploadFile(store.id, await toFile(PNG, 'pixel.png'));

  assert.equal(file.status, 'failed');
  assert.equal(file.last_error.code, 'unsupported_file');
  assert.ok(file.last_error.message.length > 0);
  const counts = (await vs.retrieve(store.id)).file_counts;
  assert.deepEqual(counts, { in_progress: 0, completed: 0, failed: 1, cancelled: 0, total: 1 });
});

if (!v4) {
  check('search: the reactor chunk answers a paraphrased question; an attribute filter narrows it', async () => {
    const { store, ids } = await corpusStore('search');

    const page = await client.vectorStores.search(store.id, { query: 'How hot does the fusion machine get?' });
    const results = page.data;
    assert.ok(results.length > 0, 'no results');
    assert.equal(results[0].file_id, ids['reactor.md']);
    assert.equal(results[0].filename, 'reactor.md');
    assert.ok(results[0].score > 0 && results[0].score <= 1, `score ${results[0].score}`);
    assert.match(results[0].content[0].text, /451 kelvin/);

    await client.vectorStores.files.update(ids['bakery.md'], {
      vector_store_id: store.id,
      attributes: { topic: 'food' },
    });
    const filtered = await client.vectorStores.search(store.id, {
      query: 'temperature',
      filters: { type: 'eq', key: 'topic', value: 'food' },
    });
    assert.deepEqual([...new Set(filtered.data.map((result) => result.file_id))], [ids['bakery.md']]);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Runs with file_search

check('createAndPoll: the model searches, gets the reactor chunk and the answer cites reactor.md', async () => {
  const { store, ids } = await corpusStore('run');
  const assistant = await client.beta.assistants.create({
    model: MODEL,
    tools: [{ type: 'file_search' }],
    tool_resources: { file_search: { vector_store_ids: [store.id] } },
  });
  const thread = await client.beta.threads.create({
    messages: [{ role: 'user', content: 'How hot is the Zorblax reactor?' }],
  });
  await scriptSearchThenCite(['Zorblax reactor temperature'], 'It runs at 451 kelvin', '.');

  const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });

  assert.equal(run.status, 'completed', `run ${JSON.stringify(run.last_error)}`);
  const messages = (await client.beta.threads.messages.list(thread.id, { order: 'asc' })).data;
  assert.deepEqual(
    messages.map((message) => message.role),
    ['user', 'assistant'],
  );
  assertCitation(textPart(messages[1]), ids['reactor.md']);
  const steps = (await runSteps(thread.id, run.id, { order: 'asc' })).data;
  const toolStep = steps.find((step) => step.step_details.type === 'tool_calls');
  const [call] = toolStep.step_details.tool_calls;
  assert.equal(call.type, 'file_search');
  assert.equal(call.file_search.results[0].file_id, ids['reactor.md']);
  assert.equal(call.file_search.results[0].file_name, 'reactor.md');
  assert.equal(call.file_search.results[0].content, undefined, 'content without include[]');
});

check('stream: a file_search tool call, then text whose messageDone carries the citation', async () => {
  const { store, ids } = await corpusStore('stream');
  const assistant = await client.beta.assistants.create({ model: MODEL, tools: [{ type: 'file_search' }] });
  const thread = await client.beta.threads.create({
    messages: [{ role: 'user', content: 'Reactor temperature?' }],
    tool_resources: { file_search: { vector_store_ids: [store.id] } },
  });
  await scriptSearchThenCite(['reactor core temperature'], 'Core: 451 K ', '');

  const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
  const created = [];
  const done = [];
  stream.on('toolCallCreated', (call) => created.push(call.type)).on('messageDone', (m) => done.push(m));
  const run = await stream.finalRun();

  assert.equal(run.status, 'completed');
  assert.deepEqual(created, ['file_search']);
  assert.equal(done.length, 1);
  assertCitation(textPart(done[0]), ids['reactor.md']);
});

check('deleting the file (Files API) removes it from the vector store', async () => {
  const { store, ids } = await corpusStore('delete');

  await removeFile(ids['bakery.md']);

  const left = (await vs.listFiles(store.id)).data.map((file) => file.id);
  assert.deepEqual(left, [ids['reactor.md']]);
  assert.equal((await vs.retrieve(store.id)).file_counts.total, 1);
  if (!v4) {
    const page = await client.vectorStores.search(store.id, { query: 'sourdough bakery oven' });
    assert.ok(
      page.data.every((result) => result.file_id !== ids['bakery.md']),
      JSON.stringify(page.data),
    );
  }
});

check('a vector store file removed from the store leaves the file itself', async () => {
  const { store, ids } = await corpusStore('detach');

  const deleted = await vs.removeFile(store.id, ids['reactor.md']);

  assert.deepEqual(deleted, { id: ids['reactor.md'], object: 'vector_store.file.deleted', deleted: true });
  assert.equal((await client.files.retrieve(ids['reactor.md'])).id, ids['reactor.md']);
  const batchFiles = (await vs.listFiles(store.id)).data.map((file) => file.id);
  assert.deepEqual(batchFiles, [ids['bakery.md']]);
});

process.exit((await runChecks()) ? 0 : 1);
