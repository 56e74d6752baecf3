import { parseToml } from '../../src/core/toml';

describe('parseToml', () => {
  test('merge-conflict markers are named as such, with the line', () => {
    const conflicted = '[package]\nname = "dioxide"\n<<<<<<< HEAD\nversion = "0.1.0"\n=======\nversion = "0.2.0"\n>>>>>>> main\n';
    expect(() => parseToml(conflicted, 'Cargo.toml')).toThrow('Cargo.toml has unresolved merge-conflict markers (line 3): resolve the conflict and commit Cargo.toml first');
    expect(() => parseToml(conflicted.replace('<<<<<<< HEAD\n', ''), 'Cargo.toml'))
      .toThrow('Cargo.toml has unresolved merge-conflict markers (line 6): resolve the conflict and commit Cargo.toml first');
  });

  test('other syntax errors say the file is not valid TOML', () => {
    expect(() => parseToml('[package\n', 'Cargo.toml')).toThrow(/^Cargo\.toml is not valid TOML: /);
    expect(parseToml('a = "<<<<<<< not at a line start"\n', 'x.toml')).toEqual({ a: '<<<<<<< not at a line start' });
  });
});
