// GitHub's own workflow parser (ESM-only, so it runs here in its own process).
// Usage: node workflow-parser.mjs FILE...; prints {"FILE": ["error", ...]} as JSON.
import { readFileSync } from 'node:fs';
import { register } from 'node:module';

register('./json-import-hook.mjs', import.meta.url);
const { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } = await import('@actions/workflow-parser');

const report = {};
for (const name of process.argv.slice(2)) {
  const parsed = parseWorkflow({ name, content: readFileSync(name, 'utf8') }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    for (const e of template.errors ?? []) errors.push(e.Message ?? e.message ?? String(e));
  } else {
    errors.push('the parser returned no workflow');
  }
  report[name] = [...new Set(errors)];
}
process.stdout.write(JSON.stringify(report));
