import { synthIn } from './helpers';

/**
 * maturin-action v1.51.0 (src/index.ts at e83996d) splits `args` with string-argv, then, in the
 * Linux build container, writes `maturin ${args.join(' ')}` into a bash script: every item is
 * re-read by bash unquoted. An item bash would split or expand is refused, naming the item.
 */
describe('maturinArgs items that bash would split or expand are refused', () => {
  const allowed = 'it must be one word bash leaves as it is (letters, digits and _ . / : @ % + , - =, not starting with =): maturin-action pastes each item unquoted into a bash script, so spaces split it and ; $ ` \' " | & < > ( ) * ? [ ] { } ~ # \\ run or expand; give each word its own item';
  test.each<[string, Record<string, unknown>, string]>([
    ['a command after ;', { maturinArgs: ['simd;touch x'] }, `MaturinRelease: maturinArgs[0] is "simd;touch x"; ${allowed}`],
    ['a command substitution', { maturinArgs: ['--features', '$(touch x)'] }, `MaturinRelease: maturinArgs[1] is "$(touch x)"; ${allowed}`],
    ['backticks', { maturinArgs: ['`id`'] }, `MaturinRelease: maturinArgs[0] is "\`id\`"; ${allowed}`],
    ['a space (one item, two arguments)', { targets: { 'linux-x86_64': { maturinArgs: ['--features', 'simd avx2'] } } }, `MaturinRelease: targets["linux-x86_64"].maturinArgs[1] is "simd avx2"; ${allowed}`],
    ['quotes (string-argv strips them, bash splits again)', { maturinArgs: ['"a b"'] }, `MaturinRelease: maturinArgs[0] is "\\"a b\\""; ${allowed}`],
    ['a pipe', { maturinArgs: ['--locked|id'] }, `MaturinRelease: maturinArgs[0] is "--locked|id"; ${allowed}`],
    ['an ampersand', { maturinArgs: ['--locked&id'] }, `MaturinRelease: maturinArgs[0] is "--locked&id"; ${allowed}`],
    ['a redirection', { maturinArgs: ['--locked>x'] }, `MaturinRelease: maturinArgs[0] is "--locked>x"; ${allowed}`],
    ['a glob', { maturinArgs: ['--features=*'] }, `MaturinRelease: maturinArgs[0] is "--features=*"; ${allowed}`],
    ['a tab', { maturinArgs: ['--locked\t--offline'] }, `MaturinRelease: maturinArgs[0] is "--locked\\t--offline"; ${allowed}`],
    ['a variable', { maturinArgs: ['--features=$FEATURES'] }, `MaturinRelease: maturinArgs[0] is "--features=$FEATURES"; ${allowed}`],
    ['a tilde', { maturinArgs: ['--target-dir=~/x'] }, `MaturinRelease: maturinArgs[0] is "--target-dir=~/x"; ${allowed}`],
    ['braces', { maturinArgs: ['--features={a,b}'] }, `MaturinRelease: maturinArgs[0] is "--features={a,b}"; ${allowed}`],
  ])('%s', (_, options, message) => {
    const run = synthIn({}, options);
    expect(run.error).toBe(message);
    expect(run.stack).toBe(false);
    expect(run.after).toEqual(run.before);
  });

  test('negative control: plain words, paths, features lists and --key=value synthesize, each item one argument', () => {
    const run = synthIn({}, {
      maturinArgs: ['--locked', '--features', 'simd,pyo3/abi3-py39', '--compatibility=pypi', '--manifest-path', 'rust/Cargo.toml'],
      targets: { 'linux-x86_64': { maturinArgs: ['--profile', 'dist'] } },
      platforms: ['linux-x86_64'],
    });
    expect(run.error).toBeUndefined();
    expect(run.after['.github/workflows/release.yml']).toBeDefined();
    const workflow = Buffer.from(run.after['.github/workflows/release.yml'].split(' ')[1], 'base64').toString();
    expect(workflow).toContain('--locked --features simd,pyo3/abi3-py39 --compatibility=pypi --manifest-path rust/Cargo.toml --profile dist');
  });
});

/**
 * The other inputs, as the same source uses them: `before-script-linux` is a script by design
 * (its lines are inlined into the container's bash script before the maturin line), so shell
 * syntax is allowed, but it must not run into the lines after it; `docker-options` is split by
 * string-argv and passed to `docker run` as arguments, and `env` values reach the process
 * environment (and docker's `-e NAME`): no shell re-reads either, so `$` and `;` stay literal there.
 */
describe('before-script-linux is a script; docker-options and env values are not re-read by a shell', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['Windows line endings', { targets: { 'linux-x86_64': { beforeScriptLinux: 'yum install -y openssl-devel\r\n' } } },
      'MaturinRelease: targets["linux-x86_64"].beforeScriptLinux is "yum install -y openssl-devel\\r\\n"; it has Windows line endings ("\\r"), which bash would keep as part of each command; write it with "\\n" line endings'],
    ['a last line continued into maturin-action\'s next line', { targets: { 'linux-x86_64': { beforeScriptLinux: 'yum install -y \\\n  openssl-devel \\\n' } } },
      'MaturinRelease: targets["linux-x86_64"].beforeScriptLinux is "yum install -y \\\\\\n  openssl-devel \\\\\\n"; its last line ends in "\\", which would join it to the line maturin-action adds after it; end the script with a complete command'],
  ])('%s', (_, options, message) => {
    const run = synthIn({}, { platforms: ['linux-x86_64'], ...options });
    expect(run.error).toBe(message);
    expect(run.stack).toBe(false);
    expect(run.after).toEqual(run.before);
  });

  test('negative control: shell syntax in the script, and $ or ; in docker-options and env values, synthesize as written', () => {
    const run = synthIn({}, {
      platforms: ['linux-x86_64'],
      targets: {
        'linux-x86_64': {
          beforeScriptLinux: 'if command -v yum; then yum install -y openssl-devel; fi\nexport OPENSSL_DIR="$(pwd)/openssl"',
          dockerOptions: '-e FOO=$HOME;x',
          env: { RUSTFLAGS: '-C target-cpu=x86-64-v2 $X;y' },
        },
      },
    });
    expect(run.error).toBeUndefined();
  });
});
