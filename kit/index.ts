/**
 * The conformance kit's API. `run(port, options)` resolves to the report `--json` writes;
 * `contractProject(port)` puts the contract in a port author's own jest `projects`.
 */
export { run, contractProject, defaultExpectationsFile, kitInfo, KitError, type RunOptions } from './run';
export type { ConformanceReport, GroupOutcome, RuleOutcome, TestOutcome, Status } from './report';
export { formatReport, junitReport } from './report';
export { NotProvidedError, noteNotProvided, notProvided, NOT_PROVIDED } from './not-provided';
export type { Expectations } from './expectations';
