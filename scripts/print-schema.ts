/**
 * `npm run web:schema`: the API's schema as SDL, printed from the schema the server runs
 * (src/graphql/schema.ts), into web/schema.graphql for the console's generated types.
 * `--stdout` prints it instead; test/graphql/web-schema.test.ts keeps the committed file equal.
 */
import 'reflect-metadata';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { printSchema } from 'graphql';
import { getSchema } from '../src/graphql/schema';

/** The project root (this file runs from scripts/ under ts-register and from dist/scripts/ when built). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`print-schema: no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export const WEB_SCHEMA_FILE = join(projectRoot(), 'web', 'schema.graphql');

/** The SDL the console's types are generated from. */
export async function printedSchema(): Promise<string> {
  return `${printSchema(await getSchema())}\n`;
}

if (require.main === module) {
  printedSchema()
    .then((sdl) => {
      if (process.argv.includes('--stdout')) process.stdout.write(sdl);
      else {
        writeFileSync(WEB_SCHEMA_FILE, sdl);
        console.log(`wrote ${WEB_SCHEMA_FILE}`);
      }
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
