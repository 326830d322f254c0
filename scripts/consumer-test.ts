/**
 * Consumer test: every public package, installed the way its README says, in fresh projects outside
 * the workspace, with pnpm (strict layout) and with npm (hoisted layout).
 *
 * For each package and package manager:
 * 1. a new folder under the system temp dir, with no workspace above it;
 * 2. `<pm> add` exactly the packages of the README's `npm install …` line: ours from the tarballs
 *    a release would publish (`packReleased`: packed after `changeset version` on a scratch copy, so
 *    with the changesets' versions and their CHANGELOG.md), siblings too, through overrides, so
 *    nothing comes from a workspace link or from whatever the registry holds under our names; the
 *    rest from the npm registry;
 * 3. every package the README example imports must be on that install line;
 * 4. the README example runs as written on the installed dist (its `// value` comments asserted);
 * 5. each of our installed packages loads with `require` and with `import`, with the same exports;
 * 6. (pnpm) the README example and a CommonJS file type-check, `strict`, with `moduleResolution`
 *    `node16` and `bundler`, against the published `.d.ts`;
 * 7. every command (`bin`) of ours is linked and answers `--help`;
 * 8. a package that declares no TensorFlow.js dependency installs none (shape-math alone), and the
 *    native backends (`@tensorflow/tfjs-node*`, which download at install time) are never installed.
 *
 * Usage: tsx scripts/consumer-test.ts [--pm pnpm|npm] [--package @cnnkit/name] [--keep] [--jobs N]
 * (after `pnpm build`; `--jobs 2` checks two packages or package managers at once). The registry is the only network it uses; `--prefer-offline` keeps reruns fast.
 */
import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Manifest,
  packReleased,
  publicPackages,
  RELEASED_TARBALLS_VARIABLE,
  type WorkspacePackage,
} from './public-packages';
import { readmeExample, tsxLoader } from './readme-example';

type PackageManager = 'pnpm' | 'npm';

/** The packages named by the README's first `npm install` line (flags and comments dropped). */
export function readmeInstallLine(readme: string): string[] {
  for (const block of readme.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      const match = /^\s*npm (?:install|i|add) (.+)$/.exec(line.replace(/#.*$/, '').trim());
      if (match) return match[1]!.split(/\s+/).filter((word) => word !== '' && !word.startsWith('-'));
    }
  }
  throw new Error('the README has no `npm install …` line in a ```sh block');
}

/** The bare package names a piece of TypeScript imports (type-only imports included). */
export function importedPackageNames(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/^\s*import\s[\s\S]*?from\s+['"]([^'"]+)['"]/gm)) {
    const specifier = match[1]!;
    if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
    names.add(
      specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!,
    );
  }
  return [...names];
}

/** The child environment: no npm/pnpm settings inherited from the `npm test` that started us, no CI mode. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // NODE_PATH (set by `pnpm run`) would let require() find the workspace's own packages.
    if (/^(npm_|pnpm_|INIT_CWD$|CI$|NODE_OPTIONS$|NODE_PATH$|VITEST)/i.test(key)) continue;
    env[key] = value;
  }
  env.NODE_ENV = 'production';
  return env;
}

function run(command: string, args: string[], cwd: string, timeoutMs = 300_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: cleanEnvironment(), encoding: 'utf8', timeout: timeoutMs });
}

function describeFailure(result: SpawnSyncReturns<string>): string {
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
  return `exit ${result.status ?? result.signal}${result.error ? ` (${result.error.message})` : ''}\n${output}`;
}

/** Every package an installation holds, with how many copies (from node_modules, either layout). */
function installedPackages(project: string): Map<string, number> {
  const names = new Map<string, number>();
  const add = (name: string) => names.set(name, (names.get(name) ?? 0) + 1);
  const visit = (nodeModules: string) => {
    if (!existsSync(nodeModules)) return;
    for (const entry of readdirSync(nodeModules)) {
      if (entry.startsWith('.')) {
        if (entry === '.pnpm') {
          // pnpm's virtual store: `@scope+name@version…/node_modules/@scope/name`.
          for (const stored of readdirSync(join(nodeModules, entry))) {
            const at = stored.indexOf('@', 1);
            if (at > 0) add(stored.slice(0, at).replace('+', '/'));
          }
        }
        continue;
      }
      if (entry.startsWith('@')) {
        for (const scoped of readdirSync(join(nodeModules, entry))) {
          if (!existsSync(join(nodeModules, '.pnpm'))) add(`${entry}/${scoped}`);
          visit(join(nodeModules, entry, scoped, 'node_modules'));
        }
      } else {
        if (!existsSync(join(nodeModules, '.pnpm'))) add(entry);
        visit(join(nodeModules, entry, 'node_modules'));
      }
    }
  };
  visit(join(project, 'node_modules'));
  return names;
}

/** The packed manifest of one of ours (what the registry would serve). */
function packedManifest(tarball: string): Manifest {
  const result = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
  return JSON.parse(result.stdout) as Manifest;
}

/** Whether a package, or any of our packages it depends on, declares a TensorFlow.js dependency. */
function needsTensorFlow(name: string, manifests: Map<string, Manifest>, seen = new Set<string>()): boolean {
  const manifest = manifests.get(name);
  if (!manifest || seen.has(name)) return false;
  seen.add(name);
  const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  return declared.some((dep) => dep.startsWith('@tensorflow/') || needsTensorFlow(dep, manifests, seen));
}

/**
 * The type errors in the consumer's files or in our packages' declarations. Errors inside other
 * packages' declarations (tfjs-core 4.22 references an undeclared `Long`) are theirs, not ours.
 */
export function oursTypeErrors(tscOutput: string): string[] {
  const errors: string[] = [];
  let keep = false;
  for (const line of tscOutput.split('\n')) {
    const located = /^(\S+)\(\d+,\d+\): error TS/.exec(line);
    if (located) keep = !located[1]!.includes('node_modules') || /node_modules\/@cnnkit\//.test(located[1]!);
    else if (/^\S/.test(line)) keep = false;
    if (keep && line.trim() !== '') errors.push(line);
  }
  return errors;
}

const TSCONFIGS: Record<string, object> = {
  node16: { module: 'node16', moduleResolution: 'node16' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
};

function checkConsumer(
  pkg: WorkspacePackage,
  pm: PackageManager,
  scratch: string,
  tarballs: Map<string, string>,
  manifests: Map<string, Manifest>,
): string[] {
  const problems: string[] = [];
  const readme = readFileSync(join(pkg.directory, 'README.md'), 'utf8');
  const installLine = readmeInstallLine(readme);
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!example) return ['the README has no ```ts example'];

  const missing = importedPackageNames(example).filter((name) => !installLine.includes(name));
  if (missing.length > 0) {
    problems.push(
      `the README example imports ${missing.join(', ')}, which its install line (npm install ${installLine.join(' ')}) does not install`,
    );
  }

  // Required peers of ours (and of our packages they pull in) must be on the line too: npm and pnpm
  // install missing peers by default, yarn and `auto-install-peers=false` do not.
  const ours = installLine.filter((name) => manifests.has(name));
  for (let i = 0; i < ours.length; i++) {
    const manifest = manifests.get(ours[i]!)!;
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      if (manifests.has(dep) && !ours.includes(dep)) ours.push(dep);
    }
    const required = Object.keys(manifest.peerDependencies ?? {}).filter(
      (peer) => !manifest.peerDependenciesMeta?.[peer]?.optional && !installLine.includes(peer),
    );
    if (required.length > 0) {
      problems.push(`${ours[i]} needs the peer dependencies ${required.join(', ')}, not on the install line`);
    }
  }

  const project = join(scratch, pm, pkg.name.replace('/', '+'));
  mkdirSync(project, { recursive: true });
  // Siblings reached only through a dependency come from the tarballs too (npm refuses an override
  // of a direct dependency, which the install line already gives as a tarball).
  const overrides = Object.fromEntries(
    [...tarballs]
      .filter(([name]) => pm === 'pnpm' || !installLine.includes(name))
      .map(([name, tarball]) => [name, `file:${tarball}`]),
  );
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify(
      {
        name: 'cnnkit-consumer',
        version: '1.0.0',
        private: true,
        type: 'module',
        ...(pm === 'npm' ? { overrides } : { pnpm: { overrides } }),
      },
      null,
      2,
    )}\n`,
  );
  const specs = installLine.map((name) => (tarballs.has(name) ? `file:${tarballs.get(name)}` : name));
  const install =
    pm === 'pnpm'
      ? run('pnpm', ['add', '--prefer-offline', '--reporter=append-only', ...specs], project)
      : run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...specs], project);
  if (install.status !== 0) return [...problems, `${pm} install failed: ${describeFailure(install)}`];

  const copies = installedPackages(project);
  const installed = [...copies.keys()];
  const duplicated = installed.filter(
    (name) => (copies.get(name) ?? 0) > 1 && (name.startsWith('@tensorflow/') || manifests.has(name)),
  );
  if (duplicated.length > 0) {
    problems.push(
      `more than one copy of ${duplicated.map((name) => `${name} (${copies.get(name)})`).join(', ')}`,
    );
  }
  const native = installed.filter((name) => /^@tensorflow\/tfjs-node/.test(name));
  if (native.length > 0) problems.push(`installed a native backend it must not: ${native.join(', ')}`);
  if (!needsTensorFlow(pkg.name, manifests)) {
    const tensorflow = installed.filter((name) => name.startsWith('@tensorflow/'));
    if (tensorflow.length > 0) {
      problems.push(`declares no TensorFlow.js dependency but installed ${tensorflow.join(', ')}`);
    }
  }

  // The README example as written, on the installed dist (no @cnnkit/source condition here).
  const { code } = readmeExample(readme);
  writeFileSync(join(project, 'readme-example.mts'), code);
  const ran = run(process.execPath, ['--import', tsxLoader(), 'readme-example.mts'], project);
  if (ran.status !== 0) problems.push(`the README example failed: ${describeFailure(ran)}`);

  // require and import of each of ours that the install line names.
  for (const name of installLine.filter((n) => tarballs.has(n))) {
    const probe = [
      `const required = Object.keys(require(${JSON.stringify(name)})).sort();`,
      `import(${JSON.stringify(name)}).then((ns) => {`,
      `  const imported = Object.keys(ns).filter((k) => k !== 'default' && k !== 'module.exports').sort();`,
      '  if (required.length === 0) throw new Error("require() gave no exports");',
      '  if (JSON.stringify(required) !== JSON.stringify(imported))',
      '    throw new Error("require and import differ: " + required + " vs " + imported);',
      '});',
    ].join('\n');
    writeFileSync(join(project, 'probe.cjs'), probe);
    const loaded = run(process.execPath, ['probe.cjs'], project);
    if (loaded.status !== 0) problems.push(`require/import of ${name} failed: ${describeFailure(loaded)}`);
  }

  // Every command our installed packages declare is linked and starts.
  for (const name of installLine.filter((n) => manifests.has(n))) {
    const { bin } = manifests.get(name)!;
    const commands = typeof bin === 'string' ? [name.split('/').pop()!] : Object.keys(bin ?? {});
    for (const command of commands) {
      const started = run(join(project, 'node_modules', '.bin', command), ['--help'], project);
      if (started.status !== 0)
        problems.push(`the \`${command}\` command of ${name} failed: ${describeFailure(started)}`);
    }
  }

  if (pm === 'pnpm') {
    // Strict type-check of what a consumer writes: the README example (ESM) and a CommonJS file.
    writeFileSync(join(project, 'typed-example.mts'), example);
    writeFileSync(
      join(project, 'typed-require.cts'),
      installLine
        .filter((n) => tarballs.has(n))
        .map((name, i) => `import ours${i} = require(${JSON.stringify(name)});\nvoid ours${i};\n`)
        .join(''),
    );
    const tsc = join(
      dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
      'bin',
      'tsc',
    );
    for (const [mode, resolution] of Object.entries(TSCONFIGS)) {
      const files = mode === 'node16' ? ['typed-example.mts', 'typed-require.cts'] : ['typed-example.mts'];
      writeFileSync(
        join(project, `tsconfig.${mode}.json`),
        JSON.stringify({
          compilerOptions: {
            ...resolution,
            target: 'es2022',
            lib: ['es2022', 'dom'],
            types: [],
            strict: true,
            noEmit: true,
            // Our .d.ts files are checked too; tfjs's own declarations have errors of their own
            // (filtered out below), so skipLibCheck cannot simply be on.
            skipLibCheck: false,
          },
          files,
        }),
      );
      const checked = run(process.execPath, [tsc, '-p', `tsconfig.${mode}.json`], project);
      const ours = oursTypeErrors(checked.stdout);
      if (ours.length > 0 || (checked.status !== 0 && !/error TS/.test(checked.stdout))) {
        problems.push(
          `tsc (${mode}, strict) failed:\n${ours.length > 0 ? ours.join('\n') : describeFailure(checked)}`,
        );
      }
    }
  }
  return problems;
}

function main() {
  const { values } = parseArgs({
    options: {
      pm: { type: 'string', multiple: true },
      package: { type: 'string', multiple: true },
      keep: { type: 'boolean', default: false },
      jobs: { type: 'string', default: '1' },
    },
  });
  const managers = (values.pm ?? ['pnpm', 'npm']) as PackageManager[];
  const packages = publicPackages();
  const selected = values.package ? packages.filter((pkg) => values.package!.includes(pkg.name)) : packages;
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    console.error(`--jobs ${values.jobs}: give a whole number of checks to run at once, 1 or more`);
    process.exit(2);
  }
  if (jobs > 1 && selected.length * managers.length > 1) {
    inLanes(selected, managers, jobs, values.keep).then((failed) => process.exit(failed ? 1 : 0));
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'cnnkit-consumer-'));
  let failures = 0;
  try {
    const { tarballs } = packReleased(join(scratch, 'tarballs'));
    const manifests = new Map([...tarballs].map(([name, tarball]) => [name, packedManifest(tarball)]));
    for (const pkg of selected) {
      for (const pm of managers) {
        const started = Date.now();
        const problems = checkConsumer(pkg, pm, scratch, tarballs, manifests);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        if (problems.length === 0) {
          console.log(`✓ ${pkg.name} with ${pm} (${seconds} s)`);
        } else {
          failures++;
          console.error(
            `✗ ${pkg.name} with ${pm} (${seconds} s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
          );
        }
      }
    }
  } finally {
    if (values.keep) console.log(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  if (failures > 0) process.exit(1);
}

/**
 * `--jobs N`: each package and package manager checked by a process of its own (this script with
 * `--package` and `--pm`), N at a time, pnpm and the biggest packages first. A check waits on the
 * registry cache, the disk and child processes for much of its time, so two at once use a second
 * core that one leaves idle. The lanes share one packing of the tarballs (CNNKIT_RELEASED_TARBALLS,
 * packed here first unless the caller already gave a folder); each lane's output is printed whole
 * when it ends. Resolves to whether any lane failed.
 */
async function inLanes(
  selected: WorkspacePackage[],
  managers: PackageManager[],
  jobs: number,
  keep: boolean,
): Promise<boolean> {
  const own = process.env[RELEASED_TARBALLS_VARIABLE]
    ? undefined
    : mkdtempSync(join(tmpdir(), 'cnnkit-released-'));
  const env = { ...process.env, ...(own === undefined ? {} : { [RELEASED_TARBALLS_VARIABLE]: own }) };
  try {
    if (own !== undefined) {
      process.env[RELEASED_TARBALLS_VARIABLE] = own;
      packReleased(join(own, 'first'));
    }
    const queue = managers.flatMap((pm) => [...selected].reverse().map((pkg) => ({ pkg, pm })));
    let failed = false;
    const lane = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const args = [...process.execArgv, process.argv[1]!, '--package', next.pkg.name, '--pm', next.pm];
        if (keep) args.push('--keep');
        const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk) => {
          output += chunk;
        });
        child.stderr.on('data', (chunk) => {
          output += chunk;
        });
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        process.stdout.write(output);
        if (code !== 0) {
          failed = true;
          if (output.trim() === '') console.error(`✗ ${next.pkg.name} with ${next.pm}: exit ${code}`);
        }
      }
    };
    await Promise.all(Array.from({ length: jobs }, lane));
    return failed;
  } finally {
    if (own !== undefined) rmSync(own, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) main();
