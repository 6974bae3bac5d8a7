// Drives a running assistants4j server with the official `openai` npm package, the way apps do.
//
//   ASSISTANTS_BASE_URL=http://127.0.0.1:8080/v1 ASSISTANTS_API_KEY=sk-... node assistants.mjs openai4|openai7
//
// Optional: ASSISTANTS_EXPECT_AUTH=1 and ASSISTANTS_WRONG_KEY=sk-wrong-... also check that a wrong key is refused.
// Prints `ok - name` / `not ok - name: error` per check, then `N passed, M failed`; exits 1 if any check failed.
import assert from 'node:assert/strict';
import { createRunner } from './lib.mjs';
import { WEATHER_TOOL, apiErrors, collect, idsOf, sdkAndSettings } from './shared.mjs';

const {
  sdkName,
  values: [baseURL, apiKey],
} = sdkAndSettings('assistants.mjs', ['ASSISTANTS_BASE_URL', 'ASSISTANTS_API_KEY']);

const { default: OpenAI } = await import(sdkName);
const newClient = (key) => new OpenAI({ baseURL, apiKey: key, maxRetries: 0, timeout: 20_000 });
const client = newClient(apiKey);
console.log(`# ${sdkName} against ${baseURL}`);

// ---------------------------------------------------------------------------------------------------------------
// A tiny runner: checks run one after another, in the order they were declared.

const { check, runChecks, describe } = createRunner(OpenAI);

// ---------------------------------------------------------------------------------------------------------------
// The few places where 4.x and 7.x differ.

/** `del` in 4.x, `delete` from 5.x on. */
function remove(resource, ...args) {
  const method = typeof resource.delete === 'function' ? resource.delete : resource.del;
  return method.apply(resource, args);
}

/** Messages with one signature: 4.x takes (threadId, messageId), 5.x+ takes (messageId, {thread_id}). */
function messagesOf(openai) {
  const messages = openai.beta.threads.messages;
  const threadIdFirst = typeof messages.del === 'function';
  return {
    create: (threadId, body) => messages.create(threadId, body),
    list: (threadId, query) => messages.list(threadId, query),
    retrieve: (threadId, id) =>
      threadIdFirst ? messages.retrieve(threadId, id) : messages.retrieve(id, { thread_id: threadId }),
    update: (threadId, id, body) =>
      threadIdFirst ? messages.update(threadId, id, body) : messages.update(id, { thread_id: threadId, ...body }),
    delete: (threadId, id) => (threadIdFirst ? messages.del(threadId, id) : messages.delete(id, { thread_id: threadId })),
  };
}

const assistants = client.beta.assistants;
const threads = client.beta.threads;
const messages = messagesOf(client);

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function createAssistant(overrides = {}) {
  return assistants.create({ model: 'gpt-4o-mini', name: 'conformance', ...overrides });
}

const expectApiError = apiErrors(OpenAI, describe);

/** Asserts a 404 for `id`: NotFoundError whose message and error body name the id. */
async function expectNotFound(call, id) {
  const error = await expectApiError(call, OpenAI.NotFoundError, 404);
  assert.match(error.message, new RegExp(id));
  assert.match(error.error.message, new RegExp(id));
  return error;
}

const onlyIds = (items, wanted) => idsOf(items).filter((id) => wanted.includes(id));
const requestIdOf = (error) => error.requestID ?? error.request_id;

function assertTextPart(part, value) {
  assert.deepEqual(part, { type: 'text', text: { value, annotations: [] } });
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Assistants

check('assistants: create returns the tools, metadata and response_format sent', async () => {
  const created = await createAssistant({
    instructions: 'Answer briefly.',
    tools: [{ type: 'code_interpreter' }, WEATHER_TOOL],
    metadata: { team: 'conformance', sdk: sdkName },
    response_format: { type: 'json_object' },
  });
  assert.match(created.id, /^asst_/);
  assert.equal(created.object, 'assistant');
  assert.ok(Number.isInteger(created.created_at));
  assert.equal(created.description, null);
  assert.equal(created.tools[0].type, 'code_interpreter');
  assert.equal(created.tools[1].type, 'function');
  assert.deepEqual(created.tools[1].function.parameters, WEATHER_TOOL.function.parameters);
  assert.deepEqual(created.metadata, { team: 'conformance', sdk: sdkName });
  assert.deepEqual(created.response_format, { type: 'json_object' });
});

check('assistants: retrieve returns what create returned', async () => {
  const created = await createAssistant({ tools: [WEATHER_TOOL], metadata: { k: 'v' } });
  assert.deepEqual(await assistants.retrieve(created.id), created);
});

check('assistants: update changes name and metadata', async () => {
  const created = await createAssistant({ metadata: { before: '1' } });
  const updated = await assistants.update(created.id, { name: 'renamed', metadata: { after: '2' } });
  assert.equal(updated.name, 'renamed');
  assert.deepEqual(updated.metadata, { after: '2' });
  assert.equal((await assistants.retrieve(created.id)).name, 'renamed');
});

check('assistants: list contains a created assistant', async () => {
  const created = await createAssistant();
  const page = await assistants.list({ limit: 100 });
  assert.ok(idsOf(page.data).includes(created.id), `${created.id} not in the first page`);
});

check('assistants: delete returns deleted true, then retrieve is a 404 naming the id', async () => {
  const created = await createAssistant();
  const deleted = await remove(assistants, created.id);
  assert.deepEqual({ ...deleted }, { id: created.id, object: 'assistant.deleted', deleted: true });
  await expectNotFound(() => assistants.retrieve(created.id), created.id);
});

// ---------------------------------------------------------------------------------------------------------------
// 2. Pagination. Each check creates its own five assistants; nothing else creates assistants meanwhile.

async function createFive() {
  const ids = [];
  for (let i = 0; i < 5; i++) {
    ids.push((await createAssistant({ name: `page-${i}` })).id);
  }
  return ids;
}

check('pagination: the async iterator walks all pages in ascending order', async () => {
  const ids = await createFive();
  const all = await collect(assistants.list({ limit: 2, order: 'asc' }));
  assert.deepEqual(onlyIds(all, ids), ids);
  assert.equal(new Set(idsOf(all)).size, all.length, 'an assistant came back twice');
});

check('pagination: the async iterator walks all pages in descending order', async () => {
  const ids = await createFive();
  const all = await collect(assistants.list({ limit: 2, order: 'desc' }));
  assert.deepEqual(onlyIds(all, ids), [...ids].reverse());
  assert.equal(new Set(idsOf(all)).size, all.length, 'an assistant came back twice');
});

check('pagination: after and before cursors with has_more', async () => {
  const ids = await createFive();
  const newestFirst = [...ids].reverse();

  const first = await assistants.list({ limit: 2 });
  assert.deepEqual(idsOf(first.data), newestFirst.slice(0, 2));
  assert.equal(first.has_more, true);

  const second = await assistants.list({ limit: 2, after: first.data.at(-1).id });
  assert.deepEqual(idsOf(second.data), newestFirst.slice(2, 4));
  assert.equal(second.has_more, true);

  const back = await assistants.list({ limit: 2, before: second.data[0].id });
  assert.deepEqual(idsOf(back.data), idsOf(first.data));

  const last = await assistants.list({ limit: 2, order: 'asc', after: ids[3] });
  assert.deepEqual(idsOf(last.data), [ids[4]]);
  assert.equal(last.has_more, false);
});

// ---------------------------------------------------------------------------------------------------------------
// 3. Threads

const IMAGE_URL = 'https://example.com/cat.png';

check('threads: create with messages keeps their order and content shapes', async () => {
  const thread = await threads.create({
    metadata: { topic: 'cats' },
    messages: [
      { role: 'user', content: 'Hello there' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this picture?' },
          { type: 'image_url', image_url: { url: IMAGE_URL } },
        ],
      },
    ],
  });
  assert.match(thread.id, /^thread_/);
  assert.equal(thread.object, 'thread');
  assert.deepEqual(thread.metadata, { topic: 'cats' });

  const listed = (await messages.list(thread.id, { order: 'asc' })).data;
  assert.equal(listed.length, 2);
  assert.ok(listed.every((message) => message.thread_id === thread.id && message.role === 'user'));
  assertTextPart(listed[0].content[0], 'Hello there');
  assertTextPart(listed[1].content[0], 'What is in this picture?');
  assert.equal(listed[1].content[1].type, 'image_url');
  assert.equal(listed[1].content[1].image_url.url, IMAGE_URL);
});

check('threads: retrieve and update metadata', async () => {
  const thread = await threads.create({ metadata: { v: '1' } });
  const updated = await threads.update(thread.id, { metadata: { v: '2' } });
  assert.deepEqual(updated.metadata, { v: '2' });
  assert.deepEqual((await threads.retrieve(thread.id)).metadata, { v: '2' });
});

check('threads: delete returns deleted true, then retrieve is a 404', async () => {
  const thread = await threads.create();
  const deleted = await remove(threads, thread.id);
  assert.deepEqual({ ...deleted }, { id: thread.id, object: 'thread.deleted', deleted: true });
  await expectNotFound(() => threads.retrieve(thread.id), thread.id);
});

// ---------------------------------------------------------------------------------------------------------------
// 4. Messages

async function threadWithMessage(content = 'Hi') {
  const thread = await threads.create();
  const message = await messages.create(thread.id, { role: 'user', content, metadata: { n: '1' } });
  return { thread, message };
}

check('messages: create, retrieve and update metadata', async () => {
  const { thread, message } = await threadWithMessage('Hi');
  assert.match(message.id, /^msg_/);
  assert.equal(message.object, 'thread.message');
  assert.equal(message.thread_id, thread.id);
  assert.equal(message.assistant_id, null);
  assert.equal(message.run_id, null);
  assertTextPart(message.content[0], 'Hi');

  assert.deepEqual(await messages.retrieve(thread.id, message.id), message);
  const updated = await messages.update(thread.id, message.id, { metadata: { n: '2' } });
  assert.deepEqual(updated.metadata, { n: '2' });
});

check('messages: list contains the message, and is empty filtered by an unknown run_id', async () => {
  const { thread, message } = await threadWithMessage();
  assert.deepEqual(idsOf((await messages.list(thread.id)).data), [message.id]);
  const filtered = await messages.list(thread.id, { run_id: 'run_doesnotexist' });
  assert.deepEqual(filtered.data, []);
  assert.equal(filtered.has_more, false);
});

check('messages: delete returns deleted true and the message leaves the list', async () => {
  const { thread, message } = await threadWithMessage();
  const deleted = await messages.delete(thread.id, message.id);
  assert.deepEqual({ ...deleted }, { id: message.id, object: 'thread.message.deleted', deleted: true });
  assert.deepEqual((await messages.list(thread.id)).data, []);
  await expectNotFound(() => messages.retrieve(thread.id, message.id), message.id);
});

// ---------------------------------------------------------------------------------------------------------------
// 5. Errors

check('errors: 17 metadata keys is a BadRequestError with type, param and code', async () => {
  const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`key${i}`, 'v']));
  const error = await expectApiError(() => threads.create({ metadata }), OpenAI.BadRequestError, 400);
  assert.equal(error.type, 'invalid_request_error');
  assert.equal(error.param, 'metadata');
  assert.equal(error.code, 'object_above_max_properties');
  assert.ok(requestIdOf(error), 'no x-request-id on the error');
});

check('errors: an unknown thread is a NotFoundError 404', async () => {
  const error = await expectNotFound(() => threads.retrieve('thread_doesnotexist'), 'thread_doesnotexist');
  assert.equal(error.type, 'invalid_request_error');
  assert.ok(requestIdOf(error), 'no x-request-id on the error');
});

if (process.env.ASSISTANTS_EXPECT_AUTH === '1' && process.env.ASSISTANTS_WRONG_KEY) {
  check('errors: a wrong API key is an AuthenticationError 401', async () => {
    const wrong = newClient(process.env.ASSISTANTS_WRONG_KEY);
    await expectApiError(() => wrong.beta.assistants.list(), OpenAI.AuthenticationError, 401);
  });
} else {
  console.log('# skip - errors: wrong API key (set ASSISTANTS_EXPECT_AUTH=1 and ASSISTANTS_WRONG_KEY)');
}

// ---------------------------------------------------------------------------------------------------------------
// 6. Models

check('models: list returns a list', async () => {
  const page = await client.models.list();
  assert.ok(Array.isArray(page.data));
  const all = await collect(client.models.list());
  assert.ok(all.every((model) => model.object === 'model' && typeof model.id === 'string'));
});

const expectedModel = process.env.ASSISTANTS_EXPECT_MODEL;
if (expectedModel) {
  check(`models: ${expectedModel} is listed and retrieved; an unknown model is a NotFoundError`, async () => {
    const all = await collect(client.models.list());
    assert.ok(all.some((model) => model.id === expectedModel), JSON.stringify(all));
    const model = await client.models.retrieve(expectedModel);
    assert.equal(model.id, expectedModel);
    assert.equal(model.object, 'model');
    await assert.rejects(client.models.retrieve('no-such-model-xyz'), (error) => {
      assert.equal(error.status, 404);
      assert.equal(error.code, 'model_not_found');
      return true;
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------

process.exit((await runChecks()) ? 0 : 1);
