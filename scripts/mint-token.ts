/**
 * `npm run token -- --sub E1001 --roles employee,manager [--name 张伟] [--ttl 8h]`
 *
 * Mints an HS256 bearer token for local use (curl, GraphQL clients, the demo) with the secret
 * the server uses: JWT_SECRET, or DATA_DIR/jwt-secret (which the server creates on its first start;
 * without it, exit status 2). Prints only the token on stdout, so `TOKEN=$(npm run --silent token -- …)`
 * works; errors go to stderr.
 */
import type jwt from 'jsonwebtoken';
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../src/domain/command';
import { mintToken } from '../src/http/token';
import { loadConfig } from '../src/server/config';
import { NoDataError, requireData } from '../src/server/data-dir';
import { loadJwtSecret } from '../src/server/jwt-secret';

const USAGE = 'usage: npm run token -- --sub <personId> --roles <role,role…> [--name <name>] [--ttl <8h|30m|3600>]';

function main(): void {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      roles: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.error(USAGE);
    return;
  }
  const sub = values.sub?.trim();
  if (!sub || !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(sub)) throw new Error(`--sub must be a person id such as E1001\n${USAGE}`);
  const roles = (values.roles ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (roles.length === 0) throw new Error(`--roles is required (one or more of ${ROLES.join(', ')})\n${USAGE}`);
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) throw new Error(`unknown role(s) ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
  const ttl = values.ttl!;
  // jsonwebtoken reads a bare number as seconds and a string through `ms` ("8h", "30m", "2d").
  if (!/^\d+\s*(ms|s|m|h|d|w|y)?$/.test(ttl)) throw new Error(`--ttl must look like 8h, 30m, 2d or a number of seconds, got ${ttl}`);
  const expiresIn: jwt.SignOptions['expiresIn'] = /^\d+$/.test(ttl) ? Number(ttl) : (ttl as jwt.SignOptions['expiresIn']);

  const config = loadConfig();
  requireData(config, ['tokenSecret']);
  const secret = loadJwtSecret(config);
  const name = values.name?.trim();
  // The one minting function the API's verification is written against (src/http/token.ts).
  const token = mintToken(secret, { id: sub, roles: roles.filter(isRole), ...(name ? { name } : {}) }, expiresIn);
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof NoDataError ? `token: ${error.message}` : error instanceof Error ? error.message : error);
  process.exit(error instanceof NoDataError ? 2 : 1);
}
