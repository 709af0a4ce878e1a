/**
 * Jest's globalTeardown. Tests share the process with the code they run, and Jest's exit keeps a
 * `process.exitCode` that code set: a passing run can then end with a failing status and no
 * message (scripts/test.mjs). This names it, so the setter can be found.
 */
export default function reportExitCode(): void {
  const code = process.exitCode;
  if (code !== undefined && code !== 0) {
    process.stderr.write(
      `[epass] process.exitCode is ${String(code)} after the tests: code under test set it (or logged after its suite); Jest's verdict is above.\n`,
    );
  }
}
