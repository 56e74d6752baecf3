import { readFileSync } from 'fs';
import { join } from 'path';
import { Node, Parser } from 'commonmark';
import { ROOT } from './helpers';

/** A fenced code block of the README: its language and its text. */
export interface CodeBlock {
  readonly lang: string;
  readonly text: string;
}

const textOf = (node: Node): string => {
  let text = '';
  const walker = node.walker();
  for (let event = walker.next(); event; event = walker.next()) {
    if (event.entering && (event.node.type === 'text' || event.node.type === 'code')) text += event.node.literal ?? '';
  }
  return text;
};

/**
 * The fenced code blocks of README.md under the heading `title` (up to the next
 * heading of the same or a higher level, sub-sections included), in order;
 * fenced blocks only (they name their language).
 */
export function readmeBlocks(title: string): CodeBlock[] {
  const doc = new Parser().parse(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const blocks: CodeBlock[] = [];
  let level: number | undefined;
  for (let node = doc.firstChild; node; node = node.next) {
    if (node.type === 'heading') {
      if (level !== undefined && node.level <= level) break;
      if (level === undefined && textOf(node) === title) level = node.level;
      continue;
    }
    if (level !== undefined && node.type === 'code_block' && node.info) {
      blocks.push({ lang: (node.info ?? '').trim().split(/\s+/)[0], text: node.literal ?? '' });
    }
  }
  if (level === undefined) throw new Error(`README.md has no heading "${title}"`);
  return blocks;
}

/** The blocks of one language under a heading; fails when there are not exactly `count`. */
export function readmeBlocksOf(title: string, lang: string, count: number): string[] {
  const found = readmeBlocks(title).filter((b) => b.lang === lang).map((b) => b.text);
  if (found.length !== count) throw new Error(`README.md has ${found.length} \`\`\`${lang} blocks under "${title}", expected ${count}`);
  return found;
}
