// Preloaded (node -r) into the bundled CLI by tests only: makes a file-system failure
// happen in the middle of `prepare`'s writes, where no file permission can cause one
// when the tests run as root. FAIL_RENAME_AT=n fails the n-th rename; with
// FAIL_RESTORE=1, writing an original back fails too.
const fs = require('fs');
const failAt = Number(process.env.FAIL_RENAME_AT);
const rename = fs.renameSync;
const write = fs.writeFileSync;
let renames = 0;
let failed = false;
fs.renameSync = (...args) => {
  renames += 1;
  if (renames === failAt) {
    failed = true;
    throw Object.assign(new Error(`EIO: i/o error, rename '${args[0]}' -> '${args[1]}'`), { code: 'EIO', syscall: 'rename' });
  }
  return rename(...args);
};
fs.writeFileSync = (...args) => {
  if (failed && process.env.FAIL_RESTORE === '1') {
    throw Object.assign(new Error(`ENOSPC: no space left on device, open '${args[0]}'`), { code: 'ENOSPC', syscall: 'open' });
  }
  return write(...args);
};
