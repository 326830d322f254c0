/**
 * Packaging check for every public package, on the tarball `pnpm publish` would upload
 * (`pnpm pack`, so `publishConfig` applies), not on the folder:
 *
 * - metadata a registry page needs: description, keywords, license, author, homepage, bugs, and a
 *   `repository` with the package's `directory` (same repository as the root package.json);
 * - the tarball is the one a release would publish: packed after `changeset version` on a scratch
 *   copy (never committed), so its version is the one the pending changesets decide, its CHANGELOG.md
 *   is inside (with that version's section), and its ranges on our other packages name their new
 *   versions;
 * - LICENSE and README in the tarball; README links absolute (relative ones break on the registry);
 * - no monorepo leftovers in the packed manifest (`@cnnkit/source` condition, `workspace:` ranges);
 * - every bare import in dist declared in dependencies or peerDependencies (no hoisting luck);
 * - at most one `//# sourceMappingURL` per emitted file, and its map exists;
 * - `publint --strict` and `attw --profile node16` on the tarball.
 *
 * Usage: tsx scripts/check-packages.ts (after `pnpm build`). Exits 1 with every problem listed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type Manifest, packReleased, publicPackages, readManifest, repoRoot } from './public-packages';

const SOURCE_CONDITION = '@cnnkit/source';

function repositoryUrl(manifest: Manifest): string | undefined {
  return typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
}

/** Metadata problems, phrased as what to add. */
export function metadataProblems(manifest: Manifest, relativeDirectory: string, root: Manifest): string[] {
  const problems: string[] = [];
  const rootUrl = repositoryUrl(root);
  if (!manifest.description) problems.push('add a "description"');
  if (!manifest.keywords?.length) problems.push('add "keywords"');
  if (manifest.license !== root.license) problems.push(`"license" must be "${root.license}" (the root's)`);
  if (!manifest.author) problems.push('add "author"');
  if (!manifest.homepage?.startsWith('https://')) problems.push('add "homepage" (an https URL)');
  const bugs = typeof manifest.bugs === 'string' ? manifest.bugs : manifest.bugs?.url;
  if (!bugs?.startsWith('https://')) problems.push('add "bugs": { "url": "https://…/issues" }');
  if (typeof manifest.repository !== 'object' || repositoryUrl(manifest) !== rootUrl) {
    problems.push(
      `"repository" must be { "type": "git", "url": "${rootUrl}", "directory": "${relativeDirectory}" }`,
    );
  } else if (manifest.repository.directory !== relativeDirectory) {
    problems.push(`"repository.directory" must be "${relativeDirectory}"`);
  }
  return problems;
}

/** Markdown links and images whose target is relative: they break on the registry's page. */
export function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)[^)]*\)/g)].map((match) => match[1]!);
  return targets.filter((target) => !/^(https?:|mailto:|#)/.test(target));
}

/** Sections every package README needs: what the registry page and a new user rely on. */
export function readmeProblems(markdown: string): string[] {
  const problems: string[] = [];
  if (!/^## Install\b/m.test(markdown) || !/```sh\n\s*npm install \S/.test(markdown)) {
    problems.push('README needs "## Install" with an `npm install …` line in a ```sh block');
  }
  if (!/^## Example\b/m.test(markdown) || !/```ts\n/.test(markdown)) {
    problems.push('README needs "## Example" with a runnable ```ts block');
  }
  if (!/^## API at a glance\b/m.test(markdown)) problems.push('README needs "## API at a glance"');
  if (!/^## API reference\b/m.test(markdown)) problems.push('README needs "## API reference"');
  return problems;
}

/** Bare module specifiers imported or required by a built file. */
export function importedPackages(code: string): Set<string> {
  const names = new Set<string>();
  const patterns = [
    /\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*(?:\/\*[^*]*\*\/\s*)?["']([^"']+)["']\s*\)/g,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
    /^\s*import\s*["']([^"']+)["']/gm,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('/')) continue;
      const name = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : specifier.split('/')[0]!;
      if (builtinModules.includes(name)) continue;
      names.add(name);
    }
  }
  return names;
}

function filesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * What a release tarball must say about versions: the version the changesets decided (`released`,
 * name → version of every package of ours), its CHANGELOG.md with that version's section, and each
 * dependency on another of our packages a range that the released sibling satisfies (`^x.y.z` of it).
 */
export function releaseProblems(
  manifest: Manifest,
  changelog: string | undefined,
  released: ReadonlyMap<string, string>,
): string[] {
  const problems: string[] = [];
  const expected = released.get(manifest.name);
  if (manifest.version !== expected)
    problems.push(`the tarball is version ${manifest.version}, the changesets give ${expected}`);
  if (changelog === undefined) {
    problems.push('CHANGELOG.md is not in the tarball (pack after `changeset version`)');
  } else if (!changelog.split('\n').some((line) => line.trim() === `## ${manifest.version}`)) {
    problems.push(`CHANGELOG.md has no "## ${manifest.version}" section`);
  }
  const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
  for (const [name, range] of Object.entries(ranges)) {
    const sibling = released.get(name);
    if (sibling !== undefined && range !== `^${sibling}`)
      problems.push(
        `depends on ${name} "${range}", but the release of ${name} is ${sibling} (expected "^${sibling}")`,
      );
  }
  return problems;
}

function tarballProblems(
  tarball: string,
  extracted: string,
  released: ReadonlyMap<string, string>,
): string[] {
  const problems: string[] = [];
  const packageDirectory = join(extracted, 'package');
  const manifestText = readFileSync(join(packageDirectory, 'package.json'), 'utf8');
  const manifest = JSON.parse(manifestText) as Manifest;
  const changelogPath = join(packageDirectory, 'CHANGELOG.md');
  problems.push(
    ...releaseProblems(
      manifest,
      existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : undefined,
      released,
    ),
  );
  if (manifestText.includes(SOURCE_CONDITION)) {
    problems.push(
      `the packed package.json still has the "${SOURCE_CONDITION}" condition (src/ is not packed): move the published "exports" into "publishConfig"`,
    );
  }
  if (manifestText.includes('workspace:')) problems.push('the packed package.json has a "workspace:" range');
  for (const required of ['LICENSE', 'README.md', 'package.json']) {
    if (!existsSync(join(packageDirectory, required))) problems.push(`${required} is not in the tarball`);
  }
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  for (const file of filesUnder(packageDirectory)) {
    if (!/\.(c|m)?js$/.test(file)) continue;
    const code = readFileSync(file, 'utf8');
    const shortName = relative(packageDirectory, file);
    const mapLines = code.split('\n').filter((line) => line.startsWith('//# sourceMappingURL='));
    if (mapLines.length > 1) problems.push(`${shortName} has ${mapLines.length} sourceMappingURL lines`);
    for (const line of mapLines) {
      const target = line.slice('//# sourceMappingURL='.length).trim();
      if (!target.startsWith('data:') && !existsSync(join(file, '..', target))) {
        problems.push(`${shortName} points at a source map that is not packed: ${target}`);
      }
    }
    for (const name of importedPackages(code)) {
      if (!declared.has(name)) {
        problems.push(`${shortName} imports "${name}", which is neither a dependency nor a peer dependency`);
      }
    }
  }
  const publint = spawnSync('pnpm', ['exec', 'publint', 'run', '--strict', tarball], { encoding: 'utf8' });
  if (publint.status !== 0) problems.push(`publint --strict:\n${publint.stdout}${publint.stderr}`);
  const attw = spawnSync(
    'pnpm',
    ['exec', 'attw', tarball, '--profile', 'node16', '--format', 'table-flipped'],
    {
      encoding: 'utf8',
    },
  );
  if (attw.status !== 0) problems.push(`attw --profile node16:\n${attw.stdout}${attw.stderr}`);
  return problems;
}

/** The workspace manifest keeps the source condition, so tests and tools inside the repo run on src/. */
export function sourceConditionProblems(manifest: Manifest, directory: string): string[] {
  const root = manifest.exports?.['.'] as Record<string, unknown> | undefined;
  const target = root?.[SOURCE_CONDITION];
  if (typeof target !== 'string') {
    return [`package.json "exports"["."] needs "${SOURCE_CONDITION}": "./src/index.ts" (tests run on src/)`];
  }
  if (!existsSync(join(directory, target)))
    return [`"${SOURCE_CONDITION}" points at ${target}, which does not exist`];
  if (!manifest.publishConfig?.exports) {
    return ['add "publishConfig": { "exports": … } without the source condition (src/ is not published)'];
  }
  // The published map must be the workspace map less the source condition: an entry point added to
  // "exports" and forgotten in "publishConfig" would be missing from the registry's package.
  const expected = JSON.stringify(withoutSourceCondition(manifest.exports));
  if (JSON.stringify(manifest.publishConfig.exports) !== expected)
    return [`"publishConfig.exports" must equal "exports" without "${SOURCE_CONDITION}": ${expected}`];
  return [];
}

function withoutSourceCondition(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== SOURCE_CONDITION)
      .map(([key, inner]) => [key, withoutSourceCondition(inner)]),
  );
}

function main() {
  const root = readManifest(repoRoot);
  const packages = publicPackages();
  const scratch = mkdtempSync(join(tmpdir(), 'cnnkit-check-packages-'));
  let failures = 0;
  try {
    const { tarballs, versions } = packReleased(join(scratch, 'tarballs'));
    const released = new Map([...versions].map(([name, { after }]) => [name, after]));
    for (const [name, { before, after }] of versions)
      console.log(`  ${name} ${before} → ${after} (changesets)`);
    for (const pkg of packages) {
      const problems = [
        ...metadataProblems(pkg.manifest, pkg.relativeDirectory, root),
        ...sourceConditionProblems(pkg.manifest, pkg.directory),
      ];
      const readmePath = join(pkg.directory, 'README.md');
      if (existsSync(readmePath)) {
        const readme = readFileSync(readmePath, 'utf8');
        problems.push(...readmeProblems(readme));
        const links = relativeLinks(readme);
        if (links.length > 0) problems.push(`README links must be absolute URLs: ${links.join(', ')}`);
      }
      const tarball = tarballs.get(pkg.name)!;
      const extracted = join(scratch, 'extracted', pkg.relativeDirectory);
      execFileSync('mkdir', ['-p', extracted]);
      execFileSync('tar', ['-xzf', tarball, '-C', extracted]);
      problems.push(...tarballProblems(tarball, extracted, released));
      if (problems.length === 0) {
        console.log(`✓ ${pkg.name} (${pkg.relativeDirectory})`);
      } else {
        failures++;
        console.error(
          `✗ ${pkg.name} (${pkg.relativeDirectory}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
        );
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (failures > 0) process.exit(1);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) main();
