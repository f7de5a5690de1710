// Lets a child process run the project's TypeScript directly (tests spawn the real scripts):
// transpile-only, CommonJS, decorator metadata on, like ts-jest does.
const ts = require('typescript');
const fs = require('node:fs');
require('reflect-metadata');
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      inlineSourceMap: true,
    },
  });
  module._compile(outputText, filename);
};
