import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `<dir>/<domain>.crt` and `.key` (where Prosody's certmanager looks, by host name) with
 * the openssl CLI: a self-signed P-256 certificate for `domain` and 127.0.0.1, valid two days.
 * Returns the certificate PEM, for a client to trust.
 */
export function writeSelfSignedCertificate(dir: string, domain: string): string {
  const certificate = join(dir, `${domain}.crt`);
  const args = [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${domain}`,
    '-addext',
    `subjectAltName=DNS:${domain},IP:127.0.0.1`,
    '-keyout',
    join(dir, `${domain}.key`),
    '-out',
    certificate,
  ];
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  if (run.error !== undefined || run.status !== 0) {
    const why = run.error?.message ?? run.stderr.trim();
    throw new Error(`startProsody: TLS needs the openssl CLI to make a certificate (${why})`);
  }
  return readFileSync(certificate, 'utf8');
}
