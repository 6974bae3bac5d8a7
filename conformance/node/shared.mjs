// Shared by the assistants, runs, files and azure scripts, beside lib.mjs's runner: the SDK and settings a script is
// started with, a function tool, reading every page of a list, and asserting an API error.
import assert from 'node:assert/strict';

const SDKS = ['openai4', 'openai7'];

/**
 * The SDK to test (first argument: openai4 or openai7) and the values of the environment variables `names`, in order;
 * exits with a usage line naming them when one is missing.
 */
export function sdkAndSettings(script, names) {
  const sdkName = process.argv[2];
  const values = names.map((name) => process.env[name]);
  if (!SDKS.includes(sdkName) || values.some((value) => !value)) {
    console.error(`usage: ${names.map((name) => `${name}=...`).join(' ')} node ${script} ${SDKS.join('|')}`);
    process.exit(2);
  }
  return { sdkName, values };
}

export const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city'],
    },
  },
};

/** Every item of a paginated list, following the pages. */
export async function collect(pagePromise) {
  const items = [];
  for await (const item of pagePromise) {
    items.push(item);
  }
  return items;
}

export const idsOf = (items) => items.map((item) => item.id);

/**
 * `expectApiError(call, errorClass, status)` for the SDK class `OpenAI`: runs `call`, asserts it rejects with an API
 * error of `errorClass` and `status` (`describe` names any other error), and returns the error.
 */
export function apiErrors(OpenAI, describe) {
  return async function expectApiError(call, errorClass, status) {
    try {
      await call();
    } catch (error) {
      assert.ok(error instanceof errorClass, `expected ${errorClass.name}, got ${describe(error)}`);
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, status);
      return error;
    }
    assert.fail(`expected ${errorClass.name} (${status}), but the call succeeded`);
  };
}
