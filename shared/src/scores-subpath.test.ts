import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string>;
  sideEffects?: boolean;
};

/** Every module a file imports, followed through relative imports: what a bundler would take in. */
function importsOf(file: URL, seen = new Map<string, string[]>()): Map<string, string[]> {
  const name = file.pathname.slice(file.pathname.lastIndexOf('/src/') + 1);
  if (seen.has(name)) return seen;
  const specifiers = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((imported) => imported.fileName);
  seen.set(name, specifiers);
  for (const specifier of specifiers) if (specifier.startsWith('.')) importsOf(new URL(specifier, file), seen);
  return seen;
}

// The widget and the dashboard take the score rules from @tenpoint/shared/scores: it must not pull
// zod (or any other package) into their bundles, and bundlers may drop what they do not use.
describe('@tenpoint/shared/scores', () => {
  it('imports no package, only files of its own that import none either', () => {
    const entry = new URL(`../${packageJson.exports['./scores']}`, import.meta.url);
    const packages = [...importsOf(entry)].flatMap(([file, specifiers]) =>
      specifiers.filter((specifier) => !specifier.startsWith('.')).map((specifier) => `${file}: ${specifier}`),
    );
    expect(packages).toEqual([]);
  });

  it('is declared free of side effects, so that unused exports can be left out of a bundle', () => {
    expect(packageJson.sideEffects).toBe(false);
  });

  it('finds an import of zod (the check itself works)', () => {
    const schema = new URL('./schemas/widget.ts', import.meta.url);
    expect([...importsOf(schema).values()].flat()).toContain('zod');
  });
});
