// GitHub's expression engine (@actions/expressions, ESM-only, so it runs in its own process),
// as src/cli/workflow-simulation.ts drives it.
// Usage: node expression.mjs JSON, JSON = { expression, context, status: { success, failure, cancelled } };
// prints "true" or "false": whether a job or step with that `if:` runs.
import * as expressions from '@actions/expressions';

const { expression, context, status } = JSON.parse(process.argv[2]);
const source = expression.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
const statusFunction = (name, value) => ({ name, minArgs: 0, maxArgs: 0, call: () => new expressions.data.BooleanData(value) });
const functions = [
  statusFunction('success', status.success),
  statusFunction('failure', status.failure),
  statusFunction('cancelled', status.cancelled),
  statusFunction('always', true),
];
// `!( … )` makes the engine apply its own truthiness rules; the answer is the negation.
const lexed = new expressions.Lexer(`!(${source})`).lex();
const tree = new expressions.Parser(lexed.tokens, Object.keys(context), functions).parse();
const data = JSON.parse(JSON.stringify(context), expressions.data.reviver);
const result = new expressions.Evaluator(tree, data, new Map(functions.map((f) => [f.name, f]))).evaluate();
process.stdout.write(String(!result.value));
