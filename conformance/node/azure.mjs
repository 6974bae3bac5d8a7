// The official `openai` npm package's AzureOpenAI client against assistants4j: chat completions (streamed and not) and
// embeddings on Azure's deployment paths (`/openai/deployments/{deployment}/...?api-version=`), and an assistant run on
// `/openai/assistants`, `/openai/threads/...`, all with the `api-key` header.
//
//   ASSISTANTS_AZURE_ENDPOINT=http://127.0.0.1:8080 ASSISTANTS_API_KEY=sk-... node azure.mjs openai4|openai7
//
// The server's model_list must serve the deployments `az-chat` (a chat model) and `az-embed` (an embedding model),
// and also `decoy`, which no call here should reach: the chat calls name it in their body, but the deployment in the
// path wins. The chat model must answer `Azure answer to: <the last user message>` (AzureSdkConformanceTest scripts a
// FakeUpstream so, and checks there which upstream model each call reached).
// Prints `ok - name` / `not ok - name: error` per check, then `N passed, M failed`; exits 1 if any check failed.
import assert from 'node:assert/strict';
import { createRunner } from './lib.mjs';
import { sdkAndSettings } from './shared.mjs';

const API_VERSION = '2024-10-21';

const {
  sdkName,
  values: [endpoint, apiKey],
} = sdkAndSettings('azure.mjs', ['ASSISTANTS_AZURE_ENDPOINT', 'ASSISTANTS_API_KEY']);

const sdk = await import(sdkName);
const { AzureOpenAI } = sdk;

// Every request the SDK sends (method, path with query, and whether it carried api-key), to check Azure's paths.
const requested = [];
const recordingFetch = (url, init) => {
  const parsed = new URL(String(url));
  const headers = new Headers(init?.headers);
  requested.push({
    line: `${init?.method ?? 'GET'} ${parsed.pathname}`,
    apiVersion: parsed.searchParams.get('api-version'),
    apiKey: headers.get('api-key') === apiKey,
  });
  return fetch(url, init);
};

const azure = (options = {}) =>
  new AzureOpenAI({
    endpoint,
    apiKey,
    apiVersion: API_VERSION,
    maxRetries: 0,
    timeout: 20_000,
    fetch: recordingFetch,
    ...options,
  });
const client = azure();
const chatDeployment = azure({ deployment: 'az-chat' });
console.log(`# ${sdkName} AzureOpenAI against ${endpoint}`);

const { check, runChecks, describe } = createRunner(sdk.default);
const answer = (text) => `Azure answer to: ${text}`;

/** The requests recorded while `fn` ran. */
async function recording(fn) {
  const from = requested.length;
  const result = await fn();
  return { result, sent: requested.slice(from) };
}

check('chat completion on the deployment of the client', async () => {
  const { result, sent } = await recording(() =>
    chatDeployment.chat.completions.create({
      model: 'decoy',
      messages: [{ role: 'user', content: 'azure chat' }],
    }),
  );
  assert.equal(result.choices[0].message.content, answer('azure chat'));
  assert.deepEqual(sent, [
    { line: 'POST /openai/deployments/az-chat/chat/completions', apiVersion: API_VERSION, apiKey: true },
  ]);
});

check('streamed chat completion on the deployment of the client', async () => {
  const { result, sent } = await recording(async () => {
    const stream = await chatDeployment.chat.completions.create({
      model: 'decoy',
      messages: [{ role: 'user', content: 'azure stream' }],
      stream: true,
    });
    const deltas = [];
    for await (const chunk of stream) {
      deltas.push(chunk.choices[0]?.delta?.content ?? '');
    }
    return deltas;
  });
  assert.ok(result.filter((delta) => delta !== '').length > 1, JSON.stringify(result));
  assert.equal(result.join(''), answer('azure stream'));
  assert.deepEqual(
    sent.map((request) => request.line),
    ['POST /openai/deployments/az-chat/chat/completions'],
  );
});

check('embeddings on the deployment named by the model', async () => {
  const { result, sent } = await recording(() =>
    client.embeddings.create({ model: 'az-embed', input: ['hello', 'world'] }),
  );
  assert.equal(result.object, 'list');
  assert.deepEqual(
    result.data.map((item) => item.index),
    [0, 1],
  );
  assert.ok(result.data.every((item) => Array.isArray(item.embedding) && item.embedding.length > 0));
  assert.notDeepEqual(result.data[0].embedding, result.data[1].embedding);
  assert.deepEqual(sent, [
    { line: 'POST /openai/deployments/az-embed/embeddings', apiVersion: API_VERSION, apiKey: true },
  ]);
});

check('assistant run: create, thread, run, poll, messages', async () => {
  const runs = client.beta.threads.runs;
  const threadIdFirst = typeof client.beta.threads.del === 'function'; // 4.x; 5.x+ takes (runId, {thread_id})
  const { sent } = await recording(async () => {
    const assistant = await client.beta.assistants.create({ model: 'az-chat', name: 'Azure helper' });
    const thread = await client.beta.threads.create();
    await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'azure run' });
    let run = await runs.create(thread.id, { assistant_id: assistant.id });
    const deadline = Date.now() + 15_000;
    while (['queued', 'in_progress'].includes(run.status)) {
      assert.ok(Date.now() < deadline, `run still ${run.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the poll interval; the deadline bounds the wait
      run = threadIdFirst
        ? await runs.retrieve(thread.id, run.id)
        : await runs.retrieve(run.id, { thread_id: thread.id });
    }
    assert.equal(run.status, 'completed', JSON.stringify(run.last_error));
    const messages = await client.beta.threads.messages.list(thread.id);
    assert.equal(messages.data[0].role, 'assistant');
    assert.equal(messages.data[0].content[0].text.value, answer('azure run'));
  });
  const lines = sent.map((request) => request.line);
  assert.equal(lines[0], 'POST /openai/assistants');
  assert.equal(lines[1], 'POST /openai/threads');
  assert.match(lines[2], /^POST \/openai\/threads\/[^/]+\/messages$/);
  assert.match(lines[3], /^POST \/openai\/threads\/[^/]+\/runs$/);
  assert.match(lines.at(-1), /^GET \/openai\/threads\/[^/]+\/messages$/);
  assert.ok(sent.every((request) => request.apiVersion === API_VERSION && request.apiKey), JSON.stringify(sent));
});

check('a wrong api-key is refused with 401', async () => {
  const wrong = azure({ apiKey: 'wrong-azure-key-0000000000' });
  await assert.rejects(
    () => wrong.chat.completions.create({ model: 'az-chat', messages: [{ role: 'user', content: 'hi' }] }),
    (error) => {
      assert.ok(error instanceof sdk.default.AuthenticationError, describe(error));
      assert.equal(error.status, 401);
      return true;
    },
  );
});

process.exit((await runChecks()) ? 0 : 1);
