import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { paths, type Config } from './config';

/**
 * The HS256 secret for bearer tokens: JWT_SECRET when set, otherwise DATA_DIR/jwt-secret,
 * created (mode 0600, 32 random bytes) on first use. The server and `npm run token` both call
 * this, so a token minted by the script is accepted by a server on the same DATA_DIR.
 */
export function loadJwtSecret(config: Pick<Config, 'jwtSecret' | 'dataDir'>): string {
  if (config.jwtSecret) return config.jwtSecret;
  const file = paths(config).jwtSecret;
  mkdirSync(config.dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two processes starting together never overwrite
    // each other's secret (which would invalidate tokens the first one already handed out).
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 16) throw new Error(`${file} holds no usable secret (shorter than 16 characters); delete it or set JWT_SECRET`);
  return secret;
}
