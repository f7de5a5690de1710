/**
 * jose, loaded once for src/http. jose 6 ships ES modules only and this project compiles to
 * CommonJS: Node ≥ 20.19 loads an ES module through require() (jest transpiles jose's files,
 * see jest.config.js), and the types come from a type-only import that TypeScript resolves as ESM.
 */
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const jose: typeof Jose = require('jose');

export type JWTPayload = Jose.JWTPayload;
export type JWTVerifyOptions = Jose.JWTVerifyOptions;
export type JWTVerifyGetKey = Jose.JWTVerifyGetKey;
export type CryptoKeyLike = Jose.CryptoKey;
export type KeyInput = Jose.KeyInput;
