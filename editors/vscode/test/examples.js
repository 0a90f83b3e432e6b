// Tokenizes every model in examples/ with the TextMate grammar (the same
// vscode-textmate and vscode-oniguruma that vscode-tmgrammar-test uses) and
// checks that the grammar understands them: a line starting with '#' is one
// comment, a statement keyword at a line's head is a keyword, and no
// visible character is left with only the file's base scope.
// Usage: node examples.js NODE_MODULES GRAMMAR MODEL...
'use strict';
const path = require('path');
const fs = require('fs');
const [modules, grammarPath, ...models] = process.argv.slice(2);
const vsctm = require(path.join(modules, 'vscode-textmate'));
const oniguruma = require(path.join(modules, 'vscode-oniguruma'));

const wasm = fs.readFileSync(path.join(modules, 'vscode-oniguruma/release/onig.wasm')).buffer;
const keywords = /^(sheet|name|format|style|width|freeze|scenario|end|outputs|option|title|author|chart|analysis|include|import)\b(?!\s*=)/i;

oniguruma.loadWASM(wasm).then(async () => {
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath),
  });
  const grammar = await registry.loadGrammar('source.vsheet');
  let failures = 0;
  let lines = 0;
  for (const model of models) {
    let state = vsctm.INITIAL;
    fs.readFileSync(model, 'utf8').replace(/^\uFEFF/, '').split('\n').forEach((text, i) => {
      const r = grammar.tokenizeLine(text, state);
      state = r.ruleStack;
      lines++;
      const fail = (why) => {
        failures++;
        if (failures <= 20)
          console.log(`FAIL ${model}:${i + 1}: ${why}\n    ${text}`);
      };
      const at = (col) => r.tokens.find((t) => t.startIndex <= col && col < t.endIndex);
      const trimmed = text.trimStart();
      const head = text.length - trimmed.length;
      if (trimmed.startsWith('#') && !/^#(DIV\/0!|N\/A|NAME\?|NULL!|NUM!|REF!|VALUE!)/.test(trimmed)) {
        if (!at(head).scopes.some((s) => s.startsWith('comment.line')))
          fail('a comment line is not a comment');
        return;
      }
      if (keywords.test(trimmed) && !at(head).scopes.some((s) => s.startsWith('keyword.control')))
        fail(`'${trimmed.split(/\s/)[0]}' is not a keyword`);
      for (const t of r.tokens) {
        const piece = text.slice(t.startIndex, t.endIndex);
        if (t.scopes.length === 1 && /\S/.test(piece))
          fail(`'${piece.trim()}' (column ${t.startIndex + 1}) has no scope`);
      }
    });
  }
  console.log(`${models.length} models, ${lines} lines, ${failures} problems`);
  process.exit(failures ? 1 : 0);
});
