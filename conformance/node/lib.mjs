// Shared by the conformance scripts: a tiny runner whose checks run one after another, in declaration order.
// Prints `ok - name` / `not ok - name: error` per check, then `N passed, M failed`.

/**
 * A runner for checks against one SDK. `wrap(fn)` (optional) runs around every check, e.g. to reset shared state
 * after it and fail the check when something was left over.
 */
export function createRunner(OpenAI, wrap = (fn) => fn()) {
  const checks = [];

  function describe(error) {
    if (error instanceof OpenAI.APIError) {
      return `${error.constructor.name} ${error.status}: ${error.message}`;
    }
    return error?.stack ?? String(error);
  }

  return {
    describe,

    check: (name, fn) => checks.push({ name, fn }),

    /** Runs every check; resolves to true when all passed. */
    async runChecks() {
      let passed = 0;
      let failed = 0;
      for (const { name, fn } of checks) {
        try {
          await wrap(fn);
          passed++;
          console.log(`ok - ${name}`);
        } catch (error) {
          failed++;
          console.log(`not ok - ${name}: ${describe(error)}`);
        }
      }
      console.log(`${passed} passed, ${failed} failed`);
      return failed === 0;
    },
  };
}

/**
 * The fake upstream's control channel (UpstreamControl in the JUnit tests) at `control`: `enqueue(reply)` queues the
 * reply the next model call gets (`{"text": [...]}` and/or `{"toolCalls": [{name, arguments}]}`), `resetUpstream()`
 * drops the replies still queued and returns how many there were, and `runIsolated(fn)` (a runner `wrap`) resets
 * after each check and fails it when a scripted reply was left over.
 */
export function upstreamControl(control, assert) {
  async function enqueue(reply) {
    const response = await fetch(`${control}/enqueue`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(reply),
    });
    assert.equal(response.status, 204, `enqueue ${JSON.stringify(reply)}: ${await response.text()}`);
  }

  async function resetUpstream() {
    const response = await fetch(`${control}/reset`, { method: 'POST' });
    const body = await response.text();
    assert.equal(response.status, 200, `reset: ${body}`);
    return JSON.parse(body).leftover;
  }

  async function runIsolated(fn) {
    let failure;
    try {
      await fn();
    } catch (error) {
      failure = error;
    }
    const leftover = await resetUpstream();
    if (failure) {
      throw failure;
    }
    assert.equal(leftover, 0, `${leftover} scripted upstream replies were not taken by a model call`);
  }

  return { enqueue, resetUpstream, runIsolated };
}

/**
 * Reads the SDK to test (first argument: openai4 or openai7) and, from the environment, the server's base URL, its
 * key and the fake upstream's control channel; exits with a usage line when one is missing. Returns the SDK's
 * OpenAI class and toFile, a client for the server, and the control channel.
 */
export async function connect(script, { timeout = 60_000 } = {}) {
  const sdks = ['openai4', 'openai7'];
  const sdkName = process.argv[2];
  const baseURL = process.env.ASSISTANTS_BASE_URL;
  const apiKey = process.env.ASSISTANTS_API_KEY;
  const control = process.env.ASSISTANTS_UPSTREAM_CONTROL;
  if (!sdks.includes(sdkName) || !baseURL || !apiKey || !control) {
    console.error(
      'usage: ASSISTANTS_BASE_URL=... ASSISTANTS_API_KEY=... ASSISTANTS_UPSTREAM_CONTROL=... ' +
        `node ${script} ${sdks.join('|')}`,
    );
    process.exit(2);
  }
  const sdk = await import(sdkName);
  const client = new sdk.default({ baseURL, apiKey, maxRetries: 0, timeout });
  console.log(`# ${sdkName} against ${baseURL}`);
  return { OpenAI: sdk.default, toFile: sdk.toFile, client, control };
}
