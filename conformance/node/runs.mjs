// Drives runs end to end on a running assistants4j server with the official `openai` npm package: the poll helpers,
// the AssistantStream helpers (text and function calling) and the run errors.
//
//   ASSISTANTS_BASE_URL=http://127.0.0.1:8080/v1 ASSISTANTS_API_KEY=sk-... \
//   ASSISTANTS_UPSTREAM_CONTROL=http://127.0.0.1:9090 node runs.mjs openai4|openai7
//
// The server must route the model `gpt-4o-mini` to a scripted fake upstream (the testkit's FakeUpstream) whose
// control endpoint is ASSISTANTS_UPSTREAM_CONTROL: `POST /enqueue` with `{"text": ["Hel", "lo"]}` (one streamed
// delta per entry) or `{"toolCalls": [{"name": "f", "arguments": "{...}"}]}` (parallel calls) queues the reply that
// the next model call gets; model calls that find the queue empty get the default reply; `POST /reset` drops the
// replies still queued and answers how many there were (`{"leftover": n}`). NodeSdkRunsConformanceTest provides both.
// Each check enqueues, just before the run that consumes them, the replies its own model calls take; after each check
// the runner resets the queue and fails the check if a reply was left over. So the checks do not depend on each other;
// they run one at a time and each uses its own thread.
//
// Prints `ok - name` / `not ok - name: error` per check, then `N passed, M failed`; exits 1 if any check failed.
import assert from 'node:assert/strict';
import { connect, createRunner, upstreamControl } from './lib.mjs';
import { WEATHER_TOOL, apiErrors } from './shared.mjs';

const MODEL = 'gpt-4o-mini';

const { OpenAI, client, control } = await connect('runs.mjs', { timeout: 20_000 });

// ---------------------------------------------------------------------------------------------------------------
// Checks run one after another, in the order they were declared (lib.mjs). After each
// one, the replies it scripted but no model call took are dropped, and make it fail.

const { enqueue, runIsolated } = upstreamControl(control, assert);
const { check, runChecks, describe } = createRunner(OpenAI, runIsolated);

// ---------------------------------------------------------------------------------------------------------------
// The fake upstream's control channel.

const enqueueText = (...deltas) => enqueue({ text: deltas });
const enqueueToolCalls = (...calls) => enqueue({ toolCalls: calls });

// ---------------------------------------------------------------------------------------------------------------
// The places where 4.x (thread id first) and 5.x+ (run id first, thread_id in the params) differ.

function runsOf(openai) {
  const runs = openai.beta.threads.runs;
  const threadIdFirst = typeof openai.beta.threads.del === 'function';
  return {
    create: (threadId, body) => runs.create(threadId, body),
    createAndPoll: (threadId, body) => runs.createAndPoll(threadId, body),
    stream: (threadId, body) => runs.stream(threadId, body),
    retrieve: (threadId, runId) =>
      threadIdFirst ? runs.retrieve(threadId, runId) : runs.retrieve(runId, { thread_id: threadId }),
    cancel: (threadId, runId) =>
      threadIdFirst ? runs.cancel(threadId, runId) : runs.cancel(runId, { thread_id: threadId }),
    submitToolOutputsStream: (threadId, runId, body) =>
      threadIdFirst
        ? runs.submitToolOutputsStream(threadId, runId, body)
        : runs.submitToolOutputsStream(runId, { thread_id: threadId, ...body }),
    submitToolOutputsAndPoll: (threadId, runId, body) =>
      threadIdFirst
        ? runs.submitToolOutputsAndPoll(threadId, runId, body)
        : runs.submitToolOutputsAndPoll(runId, { thread_id: threadId, ...body }),
  };
}

const threads = client.beta.threads;
const runs = runsOf(client);

// ---------------------------------------------------------------------------------------------------------------
// Helpers

// Longer than one FakeUpstream fragment (8 characters), so the arguments arrive in several deltas.
const PARIS_ARGS = '{"city":"Paris","unit":"c"}';
const ROME_ARGS = '{"city":"Rome","unit":"f"}';

function createAssistant(overrides = {}) {
  return client.beta.assistants.create({ model: MODEL, name: 'runs-conformance', ...overrides });
}

/** An assistant (with `overrides`) and a thread holding one user message. */
async function assistantAndThread(overrides = {}, question = 'Hi') {
  const assistant = await createAssistant(overrides);
  const thread = await threads.create({ messages: [{ role: 'user', content: question }] });
  return { assistant, thread };
}

/** The thread's messages, oldest first. */
async function messagesOf(threadId) {
  return (await threads.messages.list(threadId, { order: 'asc' })).data;
}

function textOf(message) {
  assert.equal(message.content.length, 1, `content of ${message.id}: ${JSON.stringify(message.content)}`);
  assert.equal(message.content[0].type, 'text');
  return message.content[0].text.value;
}

/** Asserts that the newest message of the thread is the assistant's answer `text` in `run`. */
async function assertAnswered(threadId, run, text) {
  const newest = (await messagesOf(threadId)).at(-1);
  assert.equal(newest.role, 'assistant');
  assert.equal(newest.run_id, run.id);
  assert.equal(newest.assistant_id, run.assistant_id);
  assert.equal(textOf(newest), text);
}

const expectApiError = apiErrors(OpenAI, describe);

/**
 * Records what an AssistantStream emits. Values are copied when emitted: the SDK keeps mutating its snapshots.
 */
function record(stream) {
  const seen = {
    events: [],
    textCreated: 0,
    textDeltas: [],
    messagesDone: [],
    toolCallsCreated: [],
    argsByIndex: {},
    stepsDone: [],
  };
  stream
    .on('event', (event) => seen.events.push(event.event))
    .on('runStepDone', (step) => seen.stepsDone.push(structuredClone(step)))
    .on('textCreated', () => seen.textCreated++)
    .on('textDelta', (delta, snapshot) => seen.textDeltas.push({ value: delta.value, snapshot: snapshot.value }))
    .on('messageDone', (message) => seen.messagesDone.push(structuredClone(message)))
    .on('toolCallCreated', (call) => {
      seen.toolCallsCreated.push({ id: call.id, type: call.type, name: call.function?.name });
      seen.argsByIndex[call.index] = call.function?.arguments ?? '';
    })
    .on('toolCallDelta', (delta) => {
      seen.argsByIndex[delta.index] += delta.function?.arguments ?? '';
    });
  return seen;
}

/** The names of the events streamed, a repeated name once: `thread.message.delta` stands for any number of them. */
const eventNames = (seen) => seen.events.filter((name, i) => name !== seen.events[i - 1]);

const TEXT_STEP_EVENTS = [
  'thread.run.step.created',
  'thread.run.step.in_progress',
  'thread.message.created',
  'thread.message.in_progress',
  'thread.message.delta',
  'thread.message.completed',
  'thread.run.step.completed',
];
const RUN_START_EVENTS = ['thread.run.created', 'thread.run.queued', 'thread.run.in_progress'];

/** The streamed text: deltas concatenated, one textDelta per scripted delta, each snapshot the text so far. */
function assertStreamedText(seen, deltas) {
  assert.deepEqual(
    seen.textDeltas.map((delta) => delta.value),
    deltas,
  );
  assert.equal(seen.textCreated, 1, 'textCreated');
  assert.equal(seen.textDeltas.at(-1).snapshot, deltas.join(''));
  assert.equal(seen.messagesDone.length, 1, 'messageDone');
  assert.equal(textOf(seen.messagesDone[0]), deltas.join(''));
  assert.equal(seen.messagesDone[0].status, 'completed');
}

/** Asserts `run` requires the outputs of exactly `calls` ({name, arguments}, in order) and returns their ids. */
function assertRequiresAction(run, calls) {
  assert.equal(run.status, 'requires_action');
  assert.equal(run.required_action.type, 'submit_tool_outputs');
  const required = run.required_action.submit_tool_outputs.tool_calls;
  assert.deepEqual(
    required.map((call) => ({ type: call.type, name: call.function.name, arguments: call.function.arguments })),
    calls.map((call) => ({ type: 'function', ...call })),
  );
  const ids = required.map((call) => call.id);
  assert.ok(
    ids.every((id) => /^call_/.test(id)),
    `tool call ids ${ids}`,
  );
  assert.equal(new Set(ids).size, ids.length, `tool call ids not distinct: ${ids}`);
  return ids;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Poll helpers

check('createAndPoll: the run completes and the thread has the answer', async () => {
  const { assistant, thread } = await assistantAndThread();
  await enqueueText('Hello', ' from', ' the model.');

  const run = await runs.createAndPoll(thread.id, { assistant_id: assistant.id });

  assert.match(run.id, /^run_/);
  assert.equal(run.status, 'completed');
  assert.equal(run.thread_id, thread.id);
  assert.equal(run.assistant_id, assistant.id);
  assert.ok(Number.isInteger(run.completed_at), `completed_at ${run.completed_at}`);
  assert.ok(run.usage.total_tokens > 0, `usage ${JSON.stringify(run.usage)}`);
  await assertAnswered(thread.id, run, 'Hello from the model.');
});

check('createAndRunPoll: creates the thread with its messages and completes', async () => {
  const assistant = await createAssistant();
  await enqueueText('Created', ' and run.');

  const run = await threads.createAndRunPoll({
    assistant_id: assistant.id,
    thread: { messages: [{ role: 'user', content: 'Start here' }] },
  });

  assert.equal(run.status, 'completed');
  assert.match(run.thread_id, /^thread_/);
  const messages = await messagesOf(run.thread_id);
  assert.deepEqual(
    messages.map((message) => message.role),
    ['user', 'assistant'],
  );
  assert.equal(textOf(messages[0]), 'Start here');
  await assertAnswered(run.thread_id, run, 'Created and run.');
});

// ---------------------------------------------------------------------------------------------------------------
// 2. Streaming text

check('stream: one textDelta per model delta, messageDone, finalRun completed', async () => {
  const { assistant, thread } = await assistantAndThread();
  const deltas = ['Hel', 'lo', ' wor', 'ld!'];
  await enqueueText(...deltas);

  const stream = runs.stream(thread.id, { assistant_id: assistant.id });
  const seen = record(stream);
  const run = await stream.finalRun();

  assert.equal(run.status, 'completed');
  assertStreamedText(seen, deltas);
  assert.deepEqual(eventNames(seen), [...RUN_START_EVENTS, ...TEXT_STEP_EVENTS, 'thread.run.completed']);
  assert.equal(seen.events.filter((name) => name === 'thread.message.delta').length, deltas.length);
  assert.equal((await runs.retrieve(thread.id, run.id)).status, 'completed');
  await assertAnswered(thread.id, run, 'Hello world!');
});

// ---------------------------------------------------------------------------------------------------------------
// 3. Function calling

check('stream: a function call streams, requires action, and the tool outputs stream the answer', async () => {
  const { assistant, thread } = await assistantAndThread({ tools: [WEATHER_TOOL] }, 'Weather in Paris?');
  await enqueueToolCalls({ name: 'get_weather', arguments: PARIS_ARGS });

  const stream = runs.stream(thread.id, { assistant_id: assistant.id });
  const seen = record(stream);
  const run = await stream.finalRun();

  const [callId] = assertRequiresAction(run, [{ name: 'get_weather', arguments: PARIS_ARGS }]);
  assert.deepEqual(seen.toolCallsCreated, [{ id: callId, type: 'function', name: 'get_weather' }]);
  assert.deepEqual(seen.argsByIndex, { 0: PARIS_ARGS });
  assert.deepEqual(eventNames(seen), [
    ...RUN_START_EVENTS,
    'thread.run.step.created',
    'thread.run.step.in_progress',
    'thread.run.step.delta',
    'thread.run.requires_action',
  ]);

  const answer = ['It is ', 'sunny ', 'in Paris.'];
  await enqueueText(...answer);
  const output = '{"temperature":21}';
  const submitted = runs.submitToolOutputsStream(thread.id, run.id, {
    tool_outputs: [{ tool_call_id: callId, output }],
  });
  const after = record(submitted);
  const finished = await submitted.finalRun();

  assert.equal(finished.id, run.id);
  assert.equal(finished.status, 'completed');
  assert.equal(finished.required_action, null);
  assertStreamedText(after, answer);
  assert.equal(after.events[0], 'thread.run.queued');
  const lastEvents = eventNames(after).slice(-TEXT_STEP_EVENTS.length - 1);
  assert.deepEqual(lastEvents, [...TEXT_STEP_EVENTS, 'thread.run.completed']);
  const [toolStep, messageStep] = after.stepsDone;
  assert.equal(after.stepsDone.length, 2, 'runStepDone');
  assert.equal(toolStep.status, 'completed');
  assert.deepEqual(
    toolStep.step_details.tool_calls.map((call) => [call.id, call.function.arguments, call.function.output]),
    [[callId, PARIS_ARGS, output]],
  );
  assert.equal(messageStep.step_details.message_creation.message_id, after.messagesDone[0].id);
  await assertAnswered(thread.id, run, answer.join(''));
});

check('stream: parallel function calls each get their own id, submitToolOutputsAndPoll completes', async () => {
  const { assistant, thread } = await assistantAndThread({ tools: [WEATHER_TOOL] }, 'Paris and Rome?');
  const calls = [
    { name: 'get_weather', arguments: PARIS_ARGS },
    { name: 'get_weather', arguments: ROME_ARGS },
  ];
  await enqueueToolCalls(...calls);

  const stream = runs.stream(thread.id, { assistant_id: assistant.id });
  const seen = record(stream);
  const run = await stream.finalRun();

  const ids = assertRequiresAction(run, calls);
  assert.deepEqual(
    seen.toolCallsCreated.map((call) => call.id),
    ids,
  );
  assert.deepEqual(seen.argsByIndex, { 0: PARIS_ARGS, 1: ROME_ARGS });

  await enqueueText('Both ', 'done.');
  const finished = await runs.submitToolOutputsAndPoll(thread.id, run.id, {
    tool_outputs: ids.map((id, i) => ({ tool_call_id: id, output: `{"temperature":${20 + i}}` })),
  });

  assert.equal(finished.id, run.id);
  assert.equal(finished.status, 'completed');
  await assertAnswered(thread.id, run, 'Both done.');
});

// ---------------------------------------------------------------------------------------------------------------
// 4. Errors and cancel

/** A thread whose run waits in requires_action. */
async function threadWithRunRequiringAction() {
  const { assistant, thread } = await assistantAndThread({ tools: [WEATHER_TOOL] }, 'Weather in Rome?');
  await enqueueToolCalls({ name: 'get_weather', arguments: ROME_ARGS });
  const run = await runs.createAndPoll(thread.id, { assistant_id: assistant.id });
  assert.equal(run.status, 'requires_action');
  return { assistant, thread, run };
}

check('errors: a second run on a thread with an active run is a BadRequestError naming it; cancel', async () => {
  const { assistant, thread, run } = await threadWithRunRequiringAction();

  const error = await expectApiError(
    () => runs.create(thread.id, { assistant_id: assistant.id }),
    OpenAI.BadRequestError,
    400,
  );
  assert.match(error.message, new RegExp(`active run ${run.id}`));
  assert.equal(error.type, 'invalid_request_error');

  const cancelled = await runs.cancel(thread.id, run.id);
  assert.equal(cancelled.id, run.id);
  assert.equal(cancelled.status, 'cancelled');
  assert.ok(Number.isInteger(cancelled.cancelled_at), `cancelled_at ${cancelled.cancelled_at}`);
  assert.equal((await runs.retrieve(thread.id, run.id)).status, 'cancelled');
});

check('errors: no new message while a run is active; after cancel the thread takes a new run', async () => {
  const { assistant, thread, run } = await threadWithRunRequiringAction();

  const error = await expectApiError(
    () => threads.messages.create(thread.id, { role: 'user', content: 'More' }),
    OpenAI.BadRequestError,
    400,
  );
  assert.match(error.message, new RegExp(run.id));

  await runs.cancel(thread.id, run.id);
  await threads.messages.create(thread.id, { role: 'user', content: 'Never mind, say hi.' });
  await enqueueText('Hi', '!');
  const next = await runs.createAndPoll(thread.id, { assistant_id: assistant.id });
  assert.equal(next.status, 'completed');
  await assertAnswered(thread.id, next, 'Hi!');
});

// ---------------------------------------------------------------------------------------------------------------

process.exit((await runChecks()) ? 0 : 1);
