import { execFile } from 'node:child_process';

/**
 * Reads text from a PNG with Debian's tesseract-ocr (English, one uniform block of text). One
 * thread: the machine is small and the bench reads one image at a time.
 */
export function readText(png: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'tesseract',
      ['stdin', 'stdout', '-l', 'eng', '--psm', '6'],
      { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 1 << 20, timeout: 30_000 },
      (error, stdout) => (error ? reject(new Error(`tesseract failed: ${error.message}`)) : resolve(stdout)),
    );
    child.stdin?.end(png);
  });
}
