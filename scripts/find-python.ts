/** Prints the CPython 3.12+ the differential tools would use, or, exit 1, what was looked for. */
import { findPython, NoPythonError } from '../fixtures/scenarios/python';

try {
  const python = findPython();
  console.log(`CPython ${python.version} (${python.command})`);
} catch (error) {
  if (!(error instanceof NoPythonError)) throw error;
  console.log(error.message);
  process.exit(1);
}
