/**
 * `npm run token -- --sub E1001 --roles employee,manager [--name 张伟] [--ttl 8h]`
 *
 * Mints a local bearer token (curl, GraphQL clients, the demo) with the key the server uses:
 * EdDSA with DATA_DIR/token-signing-key.pem, or with LOCAL_TOKEN_ALG=HS256 the secret JWT_SECRET
 * or DATA_DIR/jwt-secret (the server creates the file on its first start; without it, exit
 * status 2). With OIDC_ISSUER set, tokens come from the company's sign-in and this refuses.
 * Prints only the token on stdout, so `TOKEN=$(npm run --silent token -- …)` works; errors go to stderr.
 */
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../src/domain/command';
import { mintToken } from '../src/http/token';
import { loadConfig } from '../src/server/config';
import { NoDataError, requireData } from '../src/server/data-dir';
import { loadTokens } from '../src/server/token-keys';

const USAGE = 'usage: npm run token -- --sub <personId> --roles <role,role…> [--name <name>] [--ttl <8h|30m|2d|3600>]';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 } as const;

async function main(): Promise<void> {
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
  const ttl = /^(\d+)\s*([smhdw])?$/.exec(values.ttl!);
  const seconds = ttl ? Number(ttl[1]) * UNIT_SECONDS[(ttl[2] ?? 's') as keyof typeof UNIT_SECONDS] : 0;
  if (!Number.isSafeInteger(seconds) || seconds <= 0)
    throw new Error(`--ttl must look like 8h, 30m, 2d or a number of seconds, got ${values.ttl}`);

  const config = loadConfig();
  if (config.tokens.mode !== 'local')
    throw new Error('OIDC_ISSUER is set: tokens come from the company sign-in service, not from this command');
  requireData(config, ['tokenSecret']);
  const { local } = await loadTokens(config);
  const name = values.name?.trim();
  // The one minting function the API's verification is written against (src/http/token.ts).
  const token = mintToken(local!, { id: sub, roles: roles.filter(isRole), ...(name ? { name } : {}) }, seconds);
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof NoDataError ? `token: ${error.message}` : error instanceof Error ? error.message : error);
  process.exit(error instanceof NoDataError ? 2 : 1);
});
