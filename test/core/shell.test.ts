import { spawnSync } from 'child_process';
import { shellQuote } from '../../src/core/shell';

const VALUES = [
  'v1.0.0', 'docs/CHANGELOG.md', 'chore(release): 1.0.0', 'a b', '', '$(touch pwned)', '`id`', "it's", '"quoted"',
  '$HOME', 'a;b', 'a&b', 'a|b', '<in', '*', '?', '[ab]', '~', '!x', '#comment', '=cmd', 'x=y', '-n', 'new\nline', 'tab\there', 'é', '{a,b}',
];

describe('shellQuote', () => {
  test('plain words stay unquoted; anything else is single-quoted', () => {
    expect(['v1.0.0', 'docs/CHANGELOG.md', 'x=y', 'a+b@c:d%e,f'].map(shellQuote)).toEqual(['v1.0.0', 'docs/CHANGELOG.md', 'x=y', 'a+b@c:d%e,f']);
    expect(shellQuote('=cmd')).toBe("'=cmd'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });

  test.each([['bash'], ['sh']])('%s reads every quoted value back as exactly that value', (shell) => {
    const script = VALUES.map((v) => `printf '%s\\0' ${shellQuote(v)}`).join('\n');
    const result = spawnSync(shell, ['-c', script], { encoding: 'utf8', cwd: __dirname });
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\0').slice(0, -1)).toEqual(VALUES);
  });
});
