import { GraphQLError } from 'graphql';
import type { ErrorCode } from '../domain/error-codes';

/** Opaque keyset cursor: base64url of [sortValue, id]. */
export function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { value: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) {
      return { value: parsed[0] as string, id: parsed[1] as string };
    }
  } catch {
    // fall through to the coded error
  }
  throw new GraphQLError('after is not a cursor this API returned', {
    extensions: { code: 'INVALID_CURSOR' satisfies ErrorCode, field: 'after' },
  });
}
