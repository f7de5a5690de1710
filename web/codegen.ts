/**
 * `npm run web:codegen`: typed documents for every `graphql(...)` call in web/src, from the
 * schema the server prints (`npm run web:schema` → web/schema.graphql). Both outputs are
 * committed; test/graphql/web-schema.test.ts fails when the schema changed without a new print.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'web/schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>', JSON: 'unknown' },
      },
    },
  },
};

export default config;
