// @ts-check
/**
 * One API reference site for every public package (`pnpm docs` → docs/api/). Packages are found,
 * not listed: every folder under packages/ and apps/ whose package.json is not private. Each is
 * documented from its entry point (src/index.ts) with its own tsconfig, so the TSDoc comments of
 * the source are the reference; an exported symbol without one is a warning, and warnings fail.
 * A package's own `typedoc.json` adds options for it alone (`intentionallyNotExported`: a type used
 * in a public signature but not exported from its index, a gap to close by exporting it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifests = ['packages', 'apps'].flatMap((group) =>
  existsSync(group)
    ? readdirSync(group)
        .map((name) => join(group, name))
        .filter((dir) => existsSync(join(dir, 'package.json')))
        .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
        .filter(({ manifest }) => !manifest.private)
    : [],
);

/** @type {Partial<import('typedoc').TypeDocOptions>} */
const config = {
  name: 'cnnkit',
  entryPointStrategy: 'packages',
  entryPoints: manifests.map(({ dir }) => dir),
  packageOptions: {
    entryPoints: ['src/index.ts'],
    tsconfig: 'tsconfig.json',
    readme: 'README.md',
    includeVersion: true,
    sourceLinkTemplate: 'https://github.com/cnnkit/cnnkit/blob/{gitRevision}/{path}#L{line}',
  },
  out: 'docs/api',
  readme: 'docs/api-index.md',
  treatWarningsAsErrors: true,
  // Source links from the repository URL, not from a git remote: a fresh clone's remote (or none)
  // says nothing about where the code is published.
  sourceLinkTemplate: 'https://github.com/cnnkit/cnnkit/blob/{gitRevision}/{path}#L{line}',
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  // Our packages' symbols must be documented; members TypeScript synthesises from zod's types (the
  // keys of a `z.enum`) belong to no package of ours and have nothing to say.
  packagesRequiringDocumentation: manifests.map(({ manifest }) => manifest.name),
  // Every exported symbol (and every function or method signature) needs a TSDoc comment; fields of
  // interfaces and classes are documented where they need words, not required one by one.
  // Declared in files another change owns right now (shape-math's schemas.ts, its strict schemas, and
  // errors.ts): document them there, then delete the names here (a documented name listed here is
  // itself a warning, so this list can only shrink).
  intentionallyNotDocumented: [
    'Activation',
    'AnalyzeOptions',
    'AnalyzeOptionsInput',
    'Dtype',
    'LayerKind',
    'LayerSpec',
    'ModelSpec',
    'Optimizer',
    'Padding',
    'activationSchema',
    'analyzeOptionsSchema',
    'dtypeSchema',
    'LAYER_KINDS',
    'layerSpecSchema',
    'modelSpecSchema',
    'optimizerSchema',
  ].map((name) => `@cnnkit/shape-math.${name}`),
  requiredToBeDocumented: ['Enum', 'Variable', 'Function', 'Class', 'Interface', 'TypeAlias', 'Namespace'],
  excludePrivate: true,
  excludeInternal: true,
  sort: ['kind', 'instance-first', 'alphabetical-ignoring-documents'],
  githubPages: false,
};

export default config;
