// @actions/workflow-parser imports its JSON schema without `with { type: 'json' }`
// (it expects a bundler); Node needs the attribute, so add it for .json files.
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json')) return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  return nextLoad(url, context);
}
