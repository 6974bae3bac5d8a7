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
