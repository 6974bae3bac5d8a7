// AI/ML API's Assistants guide (docs.aimlapi.com, "Solutions > OpenAI > Assistants") with the official `openai` npm
// package: its client takes the bare host as base URL (`base_url="https://api.aimlapi.com/"`, no /v1), so every call
// goes to an unprefixed path (`/assistants`, `/threads/...`). Both chat loops of the guide run, two turns each:
// Example #1 (createAndPoll, then the answer read from messages.list) and Example #2 (runs.stream with an event
// handler printing textDelta values).
//
//   ASSISTANTS_ROOT_URL=http://127.0.0.1:8080/ ASSISTANTS_API_KEY=sk-... node bare_host.mjs openai4|openai7
//
// The server must route `gpt-4o` to a model that echoes: the offline mock without mock_response answers
// `This is a mock response to: <the last user message>`.
// Prints `ok - name` / `not ok - name: error` per check, then `N passed, M failed`; exits 1 if any check failed.
import assert from 'node:assert/strict';
import { createRunner } from './lib.mjs';

const SDKS = ['openai4', 'openai7'];

const sdkName = process.argv[2];
const rootURL = process.env.ASSISTANTS_ROOT_URL;
const apiKey = process.env.ASSISTANTS_API_KEY;
if (!SDKS.includes(sdkName) || !rootURL || !apiKey) {
  const usage = 'usage: ASSISTANTS_ROOT_URL=http://host:port/ ASSISTANTS_API_KEY=... node bare_host.mjs';
  console.error(`${usage} ${SDKS.join('|')}`);
  process.exit(2);
}

const { default: OpenAI } = await import(sdkName);

// Every URL the SDK requests, to show that none has a /v1.
const requested = [];
const recordingFetch = (url, init) => {
  requested.push(`${init?.method ?? 'GET'} ${new URL(String(url)).pathname}`);
  return fetch(url, init);
};

// As the guide: `OpenAI(api_key=..., base_url="https://api.aimlapi.com/")`, the host with a trailing slash.
const baseURL = rootURL.endsWith('/') ? rootURL : `${rootURL}/`;
const client = new OpenAI({ apiKey, baseURL, maxRetries: 0, timeout: 20_000, fetch: recordingFetch });
console.log(`# ${sdkName} against ${baseURL}`);

const { check, runChecks } = createRunner(OpenAI);

const echo = (text) => `This is a mock response to: ${text}`;

/** The guide's initialisation: an assistant and a thread. */
async function initialise() {
  const myAssistant = await client.beta.assistants.create({
    instructions: 'You are a helpful assistant.',
    name: 'AI Assistant',
    model: 'gpt-4o',
  });
  const thread = await client.beta.threads.create();
  return { assistantId: myAssistant.id, threadId: thread.id };
}

check('example 1: the chat loop without streaming', async () => {
  const { assistantId, threadId } = await initialise();

  // The guide's send_message: add the message, create_and_poll, then "find the last Assistant Message" by walking
  // messages.list's data reversed.
  async function sendMessage(userMessage) {
    await client.beta.threads.messages.create(threadId, { role: 'user', content: userMessage });
    const run = await client.beta.threads.runs.createAndPoll(threadId, {
      assistant_id: assistantId,
      instructions: 'Keep responses concise and clear.',
    });
    assert.equal(run.status, 'completed', JSON.stringify(run.last_error));
    const messages = await client.beta.threads.messages.list(threadId);
    for (const message of [...messages.data].reverse()) {
      if (message.role === 'assistant') {
        return { printed: message.content[0].text.value, messages: messages.data };
      }
    }
    assert.fail('no assistant message in the thread');
  }

  const first = 'Hi! Could you write me a python function that squares the sum of two numbers?';
  const second = 'Wow! Thanks a lot!';
  const turn1 = await sendMessage(first);
  const turn2 = await sendMessage(second);

  assert.equal(turn1.printed, echo(first));
  // messages.list is newest first, as OpenAI's: data[0] is the answer to the second question. The guide walks it
  // reversed, so from its second turn on it prints the thread's first answer (a bug of the guide, not of the server).
  assert.deepEqual(
    turn2.messages.map((message) => [message.role, message.content[0].text.value]),
    [
      ['assistant', echo(second)],
      ['user', second],
      ['assistant', echo(first)],
      ['user', first],
    ],
  );
  assert.equal(turn2.printed, echo(first));
});

check('example 2: the chat loop with streaming and an event handler', async () => {
  const { assistantId, threadId } = await initialise();

  // The guide's EventHandler: on_text_created prints "Assistant >", on_text_delta prints delta.value.
  async function sendMessage(userMessage) {
    await client.beta.threads.messages.create(threadId, { role: 'user', content: userMessage });
    const printed = { created: 0, deltas: [], toolCalls: 0 };
    const stream = client.beta.threads.runs
      .stream(threadId, { assistant_id: assistantId, instructions: 'Keep responses concise and clear.' })
      .on('textCreated', () => printed.created++)
      .on('textDelta', (delta) => printed.deltas.push(delta.value))
      .on('toolCallCreated', () => printed.toolCalls++);
    const run = await stream.finalRun(); // the guide's stream.until_done()
    assert.equal(run.status, 'completed', JSON.stringify(run.last_error));
    return printed;
  }

  const first = 'Hi! Please write 3 good things about corn flakes for me';
  const second = "Thank you! And now, after the flakes, it's a good day for Python, isn't it? :)";
  for (const question of [first, second]) {
    const printed = await sendMessage(question);
    assert.equal(printed.created, 1);
    assert.ok(printed.deltas.length > 1, `one delta per word, got ${JSON.stringify(printed.deltas)}`);
    assert.equal(printed.deltas.join(''), echo(question));
    assert.equal(printed.toolCalls, 0);
  }
  const messages = await client.beta.threads.messages.list(threadId, { order: 'asc' });
  assert.deepEqual(
    messages.data.map((message) => message.content[0].text.value),
    [first, echo(first), second, echo(second)],
  );
});

check('every request went to an unprefixed path', async () => {
  assert.ok(requested.length >= 10, `only ${requested.length} requests recorded`);
  const prefixed = requested.filter((line) => !/^[A-Z]+ \/(assistants|threads)(\/|$)/.test(line));
  assert.deepEqual(prefixed, []);
  assert.ok(requested.includes('POST /assistants'), requested.join('\n'));
});

process.exit((await runChecks()) ? 0 : 1);
