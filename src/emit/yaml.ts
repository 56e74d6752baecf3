import { Document, Scalar, isPair, isScalar, visit } from 'yaml';
import { versionOfPinnedRef } from '../actions';

/**
 * Renders a workflow object as YAML. A SHA-pinned `uses:` gets its release tag
 * as a trailing comment, the form Dependabot and Renovate keep up to date.
 */
export function renderWorkflowYaml(workflow: Record<string, unknown>, header: string[]): string {
  // No anchors/aliases: GitHub's parser accepts them, but actionlint and most readers do not.
  const doc = new Document(workflow, { aliasDuplicateObjects: false });
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'uses' && isScalar(pair.value)) {
        const version = versionOfPinnedRef(String((pair.value as Scalar).value));
        if (version) (pair.value as Scalar).comment = ` ${version}`;
      }
    },
  });
  doc.commentBefore = header.map((line) => ` ${line}`).join('\n');
  return doc.toString({ lineWidth: 0, blockQuote: 'literal' });
}
