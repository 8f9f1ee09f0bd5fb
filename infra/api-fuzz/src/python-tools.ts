import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from './run-command';

export interface PythonTools {
  schemathesis: string;
  openApiSpecValidator: string;
}

const REQUIREMENTS = path.join(__dirname, '../requirements.txt');

/**
 * Schemathesis and openapi-spec-validator, installed from PyPI into a virtual environment of
 * their own under `cacheDir` (nothing system-wide). Installed again when requirements.txt
 * changes; otherwise ready at once. `PYTHON` picks the interpreter (default `python3`).
 */
export async function pythonTools(cacheDir: string): Promise<PythonTools> {
  const venv = path.join(cacheDir, 'venv');
  const bin = (name: string) => path.join(venv, 'bin', name);
  const installed = path.join(venv, 'installed-requirements.txt');
  const wanted = await readFile(REQUIREMENTS, 'utf8');
  const current = existsSync(installed) ? await readFile(installed, 'utf8') : undefined;
  if (current !== wanted) {
    process.stdout.write(`Installing ${path.relative(process.cwd(), REQUIREMENTS)} into ${venv}\n`);
    await mustRun(process.env.PYTHON ?? 'python3', ['-m', 'venv', '--clear', venv]);
    await mustRun(bin('pip'), [
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--requirement',
      REQUIREMENTS,
    ]);
    await writeFile(installed, wanted);
  }
  return { schemathesis: bin('schemathesis'), openApiSpecValidator: bin('openapi-spec-validator') };
}

async function mustRun(command: string, args: string[]): Promise<void> {
  const { code } = await runCommand(command, args);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${code}`);
}
