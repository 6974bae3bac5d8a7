// Drives the Files API of a running assistants4j server with the official `openai` npm package, the way apps
// upload: from a file on disk (fs.createReadStream), from bytes (toFile) and, with 7.x, from a stream
// (toStreamingFile); then retrieve, list (purpose filter, pages), content download and delete.
//
//   ASSISTANTS_BASE_URL=http://127.0.0.1:8080/v1 ASSISTANTS_API_KEY=sk-... node files.mjs openai4|openai7
//
// Prints `ok - name` / `not ok - name: error` per check, then `N passed, M failed`; exits 1 if any check failed.
import assert from 'node:assert/strict';
import { createRunner } from './lib.mjs';
import { apiErrors, collect, idsOf, sdkAndSettings } from './shared.mjs';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const {
  sdkName,
  values: [baseURL, apiKey],
} = sdkAndSettings('files.mjs', ['ASSISTANTS_BASE_URL', 'ASSISTANTS_API_KEY']);

const sdk = await import(sdkName);
const { default: OpenAI, toFile } = sdk;
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 20_000 });
const files = client.files;
console.log(`# ${sdkName} against ${baseURL}`);

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'a4j-files-'));

// ---------------------------------------------------------------------------------------------------------------
// Checks run one after another, in the order they were declared (lib.mjs).

const { check, runChecks, describe } = createRunner(OpenAI);

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** `del` in 4.x, `delete` from 5.x on. */
const remove = (id) => (typeof files.delete === 'function' ? files.delete(id) : files.del(id));

/** Writes `content` to a new file in the work directory and returns its path. */
function localFile(name, content) {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function download(id) {
  const response = await files.content(id);
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Asserts the shape of a file object as the API reference shows it. */
function assertFileObject(file, { bytes, filename, purpose }) {
  assert.match(file.id, /^file-/);
  assert.equal(file.object, 'file');
  assert.equal(file.bytes, bytes);
  assert.equal(file.filename, filename);
  assert.equal(file.purpose, purpose);
  assert.equal(file.status, 'processed');
  assert.equal(file.expires_at, null);
  assert.ok(Number.isInteger(file.created_at), `created_at ${file.created_at}`);
  assert.ok(Math.abs(file.created_at - Date.now() / 1000) < 600, `created_at ${file.created_at} is not now`);
}

const expectApiError = apiErrors(OpenAI, describe);


// ---------------------------------------------------------------------------------------------------------------
// Upload

let fromDisk;
const diskContent = '# Notes\n\nThe first file, read from disk.\n';

check('upload: fs.createReadStream sends the file with its base name', async () => {
  const local = localFile('notes.md', diskContent);
  fromDisk = await files.create({ file: fs.createReadStream(local), purpose: 'assistants' });
  assertFileObject(fromDisk, { bytes: Buffer.byteLength(diskContent), filename: 'notes.md', purpose: 'assistants' });
});

check('upload: toFile with binary bytes round-trips through content()', async () => {
  const bytes = randomBytes(700_000);
  const created = await files.create({ file: await toFile(bytes, 'blob.bin'), purpose: 'user_data' });
  assertFileObject(created, { bytes: bytes.length, filename: 'blob.bin', purpose: 'user_data' });
  const downloaded = await download(created.id);
  assert.ok(downloaded.bytes.equals(bytes), 'downloaded bytes differ from the upload');
});

check('upload: a non-ASCII file name is kept', async () => {
  const created = await files.create({ file: await toFile(Buffer.from('hé'), 'résumé ✓.txt'), purpose: 'assistants' });
  assert.equal(created.filename, 'résumé ✓.txt');
  const { response } = await download(created.id);
  assert.match(response.headers.get('content-disposition'), /^attachment; filename="r_sum_ _\.txt"; filename\*=UTF-8''/);
});

check('upload: expires_after is reflected in expires_at', async () => {
  const created = await files.create({
    file: await toFile(Buffer.from('{}\n'), 'batch.jsonl'),
    purpose: 'batch',
    expires_after: { anchor: 'created_at', seconds: 7200 },
  });
  assert.equal(created.expires_at, created.created_at + 7200);
});

if (typeof sdk.toStreamingFile === 'function') {
  check('upload: toStreamingFile streams chunks of unknown total length', async () => {
    const chunks = [randomBytes(100_000), randomBytes(50_000), Buffer.from('tail')];
    async function* source() {
      yield* chunks;
    }
    const created = await files.create({ file: sdk.toStreamingFile(source(), 'streamed.bin'), purpose: 'assistants' });
    const expected = Buffer.concat(chunks);
    assert.equal(created.bytes, expected.length);
    assert.ok((await download(created.id)).bytes.equals(expected), 'streamed upload differs');
  });
} else {
  console.log(`# skip - upload: toStreamingFile (not in ${sdkName})`);
}

check('upload: an unknown purpose is a BadRequestError naming purpose', async () => {
  const error = await expectApiError(
    async () => files.create({ file: await toFile(Buffer.from('x'), 'x.txt'), purpose: 'homework' }),
    OpenAI.BadRequestError,
    400,
  );
  assert.equal(error.param, 'purpose');
});

// ---------------------------------------------------------------------------------------------------------------
// Read

check('retrieve: returns what create returned', async () => {
  assert.deepEqual(await files.retrieve(fromDisk.id), fromDisk);
});

check('content: the text of a file read from disk', async () => {
  const { response, bytes } = await download(fromDisk.id);
  assert.equal(bytes.toString('utf8'), diskContent);
  assert.equal(response.headers.get('content-type'), 'text/markdown');
  assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(diskContent)));
});

check('list: the purpose filter and the async iterator over small pages', async () => {
  const vision = [];
  for (const name of ['a.png', 'b.png', 'c.png']) {
    vision.push(await files.create({ file: await toFile(Buffer.from(name), name), purpose: 'vision' }));
  }
  const filtered = await collect(files.list({ purpose: 'vision', limit: 2, order: 'asc' }));
  assert.deepEqual(idsOf(filtered), idsOf(vision));
  const firstPage = await files.list({ purpose: 'vision', limit: 2 });
  assert.deepEqual(idsOf(firstPage.data), idsOf(vision).reverse().slice(0, 2));
  assert.equal(firstPage.has_more, true);
  const all = await collect(files.list());
  assert.ok(idsOf(all).includes(fromDisk.id), 'an unfiltered list misses a file');
  assert.ok(all.every((file) => file.object === 'file'));
});

// ---------------------------------------------------------------------------------------------------------------
// Delete

check('delete: returns deleted true, then retrieve, content and delete are 404s naming the id', async () => {
  const deleted = await remove(fromDisk.id);
  assert.deepEqual(deleted, { id: fromDisk.id, object: 'file', deleted: true });
  for (const call of [() => files.retrieve(fromDisk.id), () => files.content(fromDisk.id), () => remove(fromDisk.id)]) {
    const error = await expectApiError(call, OpenAI.NotFoundError, 404);
    assert.match(error.message, new RegExp(`No such File object: ${fromDisk.id}`));
  }
  assert.ok(!idsOf(await collect(files.list())).includes(fromDisk.id), 'a deleted file is still listed');
});

// ---------------------------------------------------------------------------------------------------------------

const ok = await runChecks();
fs.rmSync(workDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
