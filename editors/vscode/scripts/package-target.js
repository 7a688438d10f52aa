// Packages the extension for one platform with the copydesk binary inside,
// as ruff's and biome's extensions ship theirs:
//
//   node scripts/package-target.js TARGET BINARY      (npm run package:target -- TARGET BINARY)
//
// TARGET is a VS Code platform (linux-x64, linux-arm64, darwin-x64,
// darwin-arm64, win32-x64, alpine-x64…); BINARY the copydesk built for it
// (`cargo build --release`, with `--target` for another platform). Writes
// copydesk-TARGET.vsix here. The binary goes in as bin/copydesk (copydesk.exe
// on Windows) without its debug information when `strip` can read it; the
// extension runs it unless copydesk.path is set or a newer copydesk is on PATH.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const TARGETS = ['win32-x64', 'win32-arm64', 'linux-x64', 'linux-arm64', 'linux-armhf',
  'darwin-x64', 'darwin-arm64', 'alpine-x64', 'alpine-arm64'];
const [target, binary] = process.argv.slice(2);
if (!TARGETS.includes(target) || !binary) {
  console.error(`usage: node scripts/package-target.js TARGET BINARY\n  TARGET: ${TARGETS.join(', ')}`);
  process.exit(2);
}
if (!fs.statSync(binary, { throwIfNoEntry: false })?.isFile()) {
  console.error(`no binary at ${binary} (cargo build --release first)`);
  process.exit(2);
}

const here = path.resolve(__dirname, '..');
const bin = path.join(here, 'bin');
const staged = path.join(bin, target.startsWith('win32') ? 'copydesk.exe' : 'copydesk');
const ignoreFile = path.join(os.tmpdir(), `copydesk-vscodeignore-${process.pid}`);
const out = `copydesk-${target}.vsix`;
try {
  fs.rmSync(bin, { recursive: true, force: true });
  fs.mkdirSync(bin);
  try {
    execFileSync('strip', ['--strip-debug', '-o', staged, binary], { stdio: 'pipe' });
  } catch {
    fs.copyFileSync(binary, staged); // no strip, or not this platform's format
  }
  fs.chmodSync(staged, 0o755);
  // What the plain package takes (.vscodeignore lists it), and the binary.
  const taken = fs.readFileSync(path.join(here, '.vscodeignore'), 'utf8');
  fs.writeFileSync(ignoreFile, `${taken.trimEnd()}\n!bin/${path.basename(staged)}\n`);
  const vsce = path.join(here, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
  execFileSync(vsce, ['package', '--target', target, '--ignoreFile', ignoreFile, '--no-dependencies',
    '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out],
  { cwd: here, stdio: 'inherit' });
  const size = fs.statSync(path.join(here, out)).size;
  console.log(`${out}: ${(size / 1e6).toFixed(1)} MB, with ${path.basename(staged)} ` +
    `(${(fs.statSync(staged).size / 1e6).toFixed(1)} MB unpacked) from ${binary}`);
} finally {
  fs.rmSync(bin, { recursive: true, force: true });
  fs.rmSync(ignoreFile, { force: true });
}
