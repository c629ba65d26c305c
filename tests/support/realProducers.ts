/**
 * Fixtures made at test time by the real programs that make such files (issue 18): LibreOffice
 * (Debian `libreoffice-writer-nogui`), pandoc (`pandoc`), Python's `email` module (`python3`).
 * Each helper says whether its program is there, so a test can skip with the reason.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const has = (cmd: string, args: string[]) => {
  try {
    return spawnSync(cmd, args, { stdio: 'ignore', timeout: 20_000 }).status === 0;
  } catch {
    return false;
  }
};

export const HAS_PANDOC = has('pandoc', ['--version']);
export const HAS_SOFFICE = has('soffice', ['--version']);
export const HAS_PYTHON = has('python3', ['--version']);

/** `pandoc FILE -o OUT` (format from OUT's extension). */
export function pandoc(input: string, output: string, extra: string[] = []): string {
  const r = spawnSync('pandoc', [input, '-o', output, ...extra], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`pandoc failed: ${r.stderr}`);
  return output;
}

/**
 * `soffice --headless --convert-to FORMAT` for several files at once, with a profile of its own
 * (parallel test runs or a desktop LibreOffice would otherwise share and lock one).
 */
export function soffice(format: string, inputs: string[], outDir: string): string[] {
  const profile = path.join(outDir, '.lo-profile');
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, ...inputs], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const ext = format.split(':')[0]!;
  const outs = inputs.map((i) => path.join(outDir, `${path.basename(i).replace(/\.[^.]+$/u, '')}.${ext}`));
  const missing = outs.filter((o) => !fs.existsSync(o));
  if (r.status !== 0 || missing.length) throw new Error(`soffice --convert-to ${format} failed (${missing.join(', ')}): ${r.stderr}`);
  return outs;
}

/** Runs a Python script (stdin) with arguments; its stdout. */
export function python(script: string, args: string[] = []): string {
  const r = spawnSync('python3', ['-', ...args], { input: script, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * An e-mail as a mail program writes it, by Python's `email` package: a text body and the given
 * files as attachments (`Content-Disposition: attachment`, base64, media type from the name).
 */
export function writeEml(out: string, mail: { subject: string; from: string; body: string; attachments: string[] }): string {
  python(
    `
import sys, json, mimetypes
from email.message import EmailMessage
from email.utils import formatdate
spec = json.loads(sys.argv[1])
m = EmailMessage()
m['From'] = spec['from']
m['To'] = 'redaktion@example.org'
m['Subject'] = spec['subject']
m['Date'] = formatdate(1772524800, localtime=False)
m.set_content(spec['body'])
for p in spec['attachments']:
    t = mimetypes.guess_type(p)[0] or 'application/octet-stream'
    if p.endswith('.odt'): t = 'application/vnd.oasis.opendocument.text'
    main, sub = t.split('/')
    with open(p, 'rb') as f:
        m.add_attachment(f.read(), maintype=main, subtype=sub, filename=p.split('/')[-1])
with open(spec['out'], 'wb') as f:
    f.write(bytes(m))
`,
    [JSON.stringify({ ...mail, out })],
  );
  return out;
}
