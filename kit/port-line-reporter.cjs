// `npm test` names the port under test in its first and last lines: jest.config.ts lists this
// reporter twice, first ({ at: 'start' }) and last ({ at: 'end' }), around the claims reporter.
module.exports = class PortLineReporter {
  constructor(_globalConfig, options) {
    this.options = options;
  }

  line() {
    return `port under test: ${this.options.name} (${this.options.path})\n`;
  }

  onRunStart() {
    if (this.options.at === 'start') process.stderr.write(this.line());
  }

  onRunComplete() {
    if (this.options.at === 'end') process.stderr.write(this.line());
  }
};
