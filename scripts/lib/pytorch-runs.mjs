// What Debian's PyTorch printed for a piece of Python, recorded once and committed, so that the
// tests that hold the page's "Show as PyTorch" code against the engine never need torch.
//
//   NORMLAB_RECORD_PYTORCH=1 npm test   runs every snippet with /usr/bin/python3 (python3-torch)
//                                       and writes tests/golden/pytorch-runs/<sha256>.json
//   npm test                            reads the recording of exactly this code; code that was
//                                       never recorded fails with the command that records it
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const runsDir = fileURLToPath(new URL('../../tests/golden/pytorch-runs', import.meta.url));

export function snippetKey(code) {
  return crypto.createHash('sha256').update(code, 'utf8').digest('hex').slice(0, 24);
}

/** The stdout of `code` under PyTorch 1.13; throws when it failed or was never recorded. */
export function runPyTorch(code) {
  const file = path.join(runsDir, `${snippetKey(code)}.json`);
  if (process.env.NORMLAB_RECORD_PYTORCH === '1') {
    const r = spawnSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`python failed:\n${r.stderr}\n--- code ---\n${code}`);
    const version = spawnSync(
      '/usr/bin/python3',
      ['-c', 'import torch; print(torch.__version__)'],
      {
        encoding: 'utf8',
      },
    ).stdout.trim();
    fs.mkdirSync(runsDir, { recursive: true });
    fs.writeFileSync(
      file,
      JSON.stringify({ torch: version, code, stdout: r.stdout }, null, 1) + '\n',
    );
    return r.stdout;
  }
  if (!fs.existsSync(file)) {
    throw new Error(
      `no recorded PyTorch run for this code (${path.relative(process.cwd(), file)}); record it ` +
        `with python3-torch installed: NORMLAB_RECORD_PYTORCH=1 npm test\n--- code ---\n${code}`,
    );
  }
  const run = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (run.code !== code) throw new Error(`${file} holds another snippet (hash collision)`);
  return run.stdout;
}
