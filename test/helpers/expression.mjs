// GitHub's expression engine (@actions/expressions, ESM-only, so it runs in its own process),
// as src/cli/workflow-simulation.ts drives it.
// Usage: node expression.mjs JSON, JSON = { expression, context, status: { success, failure, cancelled } };
// prints "true" or "false": whether a job or step with that `if:` runs.
// With JSON = { template, context }: prints the string GitHub makes of a value such as a
// concurrency group, each `${{ }}` evaluated and turned into a string by the engine's own rules.
import * as expressions from '@actions/expressions';

const { expression, template, context, status } = JSON.parse(process.argv[2]);
const statusFunction = (name, value) => ({ name, minArgs: 0, maxArgs: 0, call: () => new expressions.data.BooleanData(value) });
const functions = [
  statusFunction('success', status?.success ?? true),
  statusFunction('failure', status?.failure ?? false),
  statusFunction('cancelled', status?.cancelled ?? false),
  statusFunction('always', true),
];
const data = JSON.parse(JSON.stringify(context), expressions.data.reviver);
const evaluate = (source) => {
  const lexed = new expressions.Lexer(source).lex();
  const tree = new expressions.Parser(lexed.tokens, Object.keys(context), functions).parse();
  return new expressions.Evaluator(tree, data, new Map(functions.map((f) => [f.name, f]))).evaluate();
};
if (template !== undefined) {
  process.stdout.write(template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, source) => evaluate(source.trim()).coerceString()));
} else {
  const source = expression.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
  // `!( … )` makes the engine apply its own truthiness rules; the answer is the negation.
  process.stdout.write(String(!evaluate(`!(${source})`).value));
}
