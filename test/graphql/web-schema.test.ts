/**
 * The web console's types are generated from web/schema.graphql (`npm run web:schema`, then
 * `npm run web:codegen`). A schema change without printing it again fails here.
 */
import { readFileSync } from 'node:fs';
import { printedSchema, WEB_SCHEMA_FILE } from '../../scripts/print-schema';

describe('web/schema.graphql', () => {
  it('is the schema the server runs', async () => {
    const committed = readFileSync(WEB_SCHEMA_FILE, 'utf8');
    const current = await printedSchema();
    if (committed !== current)
      throw new Error('web/schema.graphql is out of date: run `npm run web:schema && npm run web:codegen` and commit both');
    expect(committed).toContain('myTasks(');
  });
});
