// Drives the code_interpreter tool end to end on a running assistants4j server with the official `openai` npm
// package: runs whose model calls code_interpreter, with the code streamed as `toolCallDelta`s, its logs and figures
// as outputs, figures as image_file parts of the answer, written files as file_path annotations, and input files
// from message attachments.
//
//   ASSISTANTS_BASE_URL=http://127.0.0.1:8080/v1 ASSISTANTS_API_KEY=sk-... \
//   ASSISTANTS_UPSTREAM_CONTROL=http://127.0.0.1:9090 node code_interpreter.mjs openai4|openai7
//
// The server must route the model `gpt-4o-mini` to a scripted fake upstream whose control endpoint is
// ASSISTANTS_UPSTREAM_CONTROL (see runs.mjs: `POST /enqueue`, `POST /reset`), and run code in a real sandbox;
// NodeSdkCodeInterpreterConformanceTest provides all three.
//
// Prints `ok - name` / `not ok - name: error` per check, then `N passed, M failed`; exits 1 if any check failed.
import assert from 'node:assert/strict';
import { connect, createRunner, upstreamControl } from './lib.mjs';

const MODEL = 'gpt-4o-mini';

const { OpenAI, toFile, client, control } = await connect('code_interpreter.mjs');

const { enqueue, runIsolated } = upstreamControl(control, assert);
const { check, runChecks } = createRunner(OpenAI, runIsolated);

const v4 = typeof client.beta.threads.del === 'function';
const runSteps = (threadId, runId, query) =>
  v4
    ? client.beta.threads.runs.steps.list(threadId, runId, query)
    : client.beta.threads.runs.steps.list(runId, { thread_id: threadId, ...query });

/** Scripts the model: a code_interpreter call running `code`, then the answer `text` (one delta per entry). */
async function scriptCodeThenAnswer(code, ...text) {
  await enqueue({ toolCalls: [{ name: 'code_interpreter', arguments: JSON.stringify({ code }) }] });
  await enqueue({ text });
}

const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

async function download(fileId) {
  const response = await client.files.content(fileId);
  return Buffer.from(await response.arrayBuffer());
}

// ---------------------------------------------------------------------------------------------------------------

check('createAndPoll: the Math Tutor runs code; the step holds the code and its logs', async () => {
  const code = 'x = (14 - 11) / 3\nprint(f"x = {x:g}")';
  const assistant = await client.beta.assistants.create({
    model: MODEL,
    name: 'Math Tutor',
    instructions: 'You are a personal math tutor. Write and run code to answer math questions.',
    tools: [{ type: 'code_interpreter' }],
  });
  const thread = await client.beta.threads.create({
    messages: [{ role: 'user', content: 'I need to solve the equation `3x + 11 = 14`. Can you help me?' }],
  });
  await scriptCodeThenAnswer(code, 'x = 1');

  const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });

  assert.equal(run.status, 'completed', `run ${JSON.stringify(run.last_error)}`);
  const steps = (await runSteps(thread.id, run.id, { order: 'asc' })).data;
  assert.deepEqual(
    steps.map((step) => step.step_details.type),
    ['tool_calls', 'message_creation'],
  );
  const [call] = steps[0].step_details.tool_calls;
  assert.equal(call.type, 'code_interpreter');
  assert.equal(call.code_interpreter.input, code);
  assert.deepEqual(call.code_interpreter.outputs, [{ type: 'logs', logs: 'x = 1\n' }]);
  const messages = (await client.beta.threads.messages.list(thread.id, { order: 'asc' })).data;
  assert.equal(messages[1].content[0].text.value, 'x = 1');
});

check('stream: toolCallDelta carries the code as Python text, then the logs and the image outputs', async () => {
  const code = "import matplotlib.pyplot as plt\nprint('plotting')\nplt.plot([1, 4, 9])\nplt.show()";
  const assistant = await client.beta.assistants.create({ model: MODEL, tools: [{ type: 'code_interpreter' }] });
  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Plot squares.' }] });
  await scriptCodeThenAnswer(code, 'Here ', 'it is.');

  const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
  const created = [];
  let input = '';
  const outputs = [];
  const done = [];
  const images = [];
  stream
    .on('toolCallCreated', (call) => created.push(call.type))
    .on('toolCallDelta', (delta) => {
      if (delta.type === 'code_interpreter') {
        input += delta.code_interpreter?.input ?? '';
        outputs.push(...(delta.code_interpreter?.outputs ?? []));
      }
    })
    .on('toolCallDone', (call) => done.push(call))
    .on('imageFileDone', (image) => images.push(image.file_id));
  const run = await stream.finalRun();
  const messages = await stream.finalMessages();

  assert.equal(run.status, 'completed');
  assert.deepEqual(created, ['code_interpreter']);
  assert.equal(input, code);
  assert.deepEqual(
    outputs.map((output) => output.type),
    ['logs', 'image'],
  );
  assert.equal(outputs[0].logs, 'plotting\n');
  const imageId = outputs[1].image.file_id;
  assert.match(imageId, /^file-/);
  assert.equal(done.length, 1);
  assert.equal(done[0].code_interpreter.input, code);
  assert.deepEqual(images, [imageId]);
  assert.equal(messages.length, 1);
  assert.equal(messages[0].content[0].type, 'image_file');
  assert.equal(messages[0].content[0].image_file.file_id, imageId);
  assert.equal(messages[0].content[1].text.value, 'Here it is.');
  const png = await download(imageId);
  assert.ok(png.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG');
});

check('a file the code writes is linked with a file_path annotation and downloads', async () => {
  const assistant = await client.beta.assistants.create({ model: MODEL, tools: [{ type: 'code_interpreter' }] });
  const input = await client.files.create({ file: await toFile(Buffer.from('3\n4\n'), 'numbers.txt'), purpose: 'assistants' });
  const thread = await client.beta.threads.create({
    messages: [
      {
        role: 'user',
        content: 'Sum the numbers into a CSV.',
        attachments: [{ file_id: input.id, tools: [{ type: 'code_interpreter' }] }],
      },
    ],
  });
  const code = "total = sum(int(n) for n in open('/mnt/data/numbers.txt'))\n" +
    "open('/mnt/data/sum.csv', 'w').write(f'total\\n{total}\\n')";
  await scriptCodeThenAnswer(code, 'Saved [sum.csv](sandbox:/mnt/data/sum.csv).');

  const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });

  assert.equal(run.status, 'completed', `run ${JSON.stringify(run.last_error)}`);
  const messages = (await client.beta.threads.messages.list(thread.id, { order: 'asc' })).data;
  const text = messages[1].content[0].text;
  const link = 'sandbox:/mnt/data/sum.csv';
  const start = text.value.indexOf(link);
  assert.equal(text.annotations.length, 1);
  const [annotation] = text.annotations;
  assert.equal(annotation.type, 'file_path');
  assert.equal(annotation.text, link);
  assert.equal(annotation.start_index, start);
  assert.equal(annotation.end_index, start + link.length);
  assert.equal((await download(annotation.file_path.file_id)).toString(), 'total\n7\n');
  const file = await client.files.retrieve(annotation.file_path.file_id);
  assert.equal(file.purpose, 'assistants_output');
  assert.equal(file.filename, 'sum.csv');
});

process.exit((await runChecks()) ? 0 : 1);
