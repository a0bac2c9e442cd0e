/**
 * A jest setup file for the H probe run only (never for `npm test`): it wraps the fake clock the
 * virtual-time harness installs, and on each uninstall writes how much virtual time the test
 * simulated and how much real time and CPU time that took (the CPU figure stays meaningful on a
 * busy machine, where the wall time mostly measures the other processes). Reads nothing of the
 * specs; changes no behaviour.
 */
const fs = require('node:fs');
const path = require('node:path');
const FakeTimers = require('@sinonjs/fake-timers');

const dir = process.env.BENCH_VT_DIR;
const withGlobal = FakeTimers.withGlobal;

if (dir) {
  FakeTimers.withGlobal = function probedWithGlobal(target) {
    const api = withGlobal.call(this, target);
    const install = api.install;
    api.install = function probedInstall(options) {
      const clock = install.call(this, options);
      const wallStart = process.hrtime.bigint(); // hrtime is not faked by the harness
      const cpuStart = process.cpuUsage();
      const virtualStart = clock.now;
      const uninstall = clock.uninstall;
      clock.uninstall = function probedUninstall(...args) {
        const cpu = process.cpuUsage(cpuStart);
        const line = {
          file: path.relative(process.cwd(), expect.getState().testPath ?? ''),
          test: expect.getState().currentTestName,
          virtualMs: clock.now - virtualStart,
          wallMs: Number(process.hrtime.bigint() - wallStart) / 1e6,
          cpuMs: (cpu.user + cpu.system) / 1e3,
        };
        // The clock goes back first: a failed write must not leave the test's timers faked.
        const result = uninstall.apply(this, args);
        fs.mkdirSync(dir, { recursive: true });
        fs.appendFileSync(path.join(dir, `vt-${process.pid}.jsonl`), JSON.stringify(line) + '\n');
        return result;
      };
      return clock;
    };
    return api;
  };
}
