/**
 * Release: build, check, then publish every public package whose version is not on the registry yet.
 *
 *   pnpm version-packages     (first, on a branch) `changeset version`: consumes the pending changesets,
 *                             bumps each package on its own and writes its CHANGELOG.md; review, commit.
 *   pnpm release              builds, runs the package checks (tarballs, API reports, API reference)
 *                             and `changeset publish` (pnpm publish: publishConfig applies, workspace
 *                             ranges become versions), which also tags each release.
 *   pnpm release --dry-run    the same on a scratch copy of the working tree: versions the pending
 *                             changesets there, checks the CHANGELOGs they produce, and runs
 *                             `pnpm publish --dry-run` for each public package. Nothing is uploaded and
 *                             nothing in the repository changes. `npm test` runs it (with
 *                             --skip-checks: it has just run the same checks).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packagesWithChangesets } from './api-report';
import { publicPackages, readManifest, repoRoot } from './public-packages';

/** Runs one step; with `quiet`, its output is shown only when it fails (the last line otherwise). */
function step(title: string, command: string, args: string[], cwd = repoRoot, quiet = false) {
  console.log(`› ${title}`);
  const result = spawnSync(command, args, { cwd, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (result.status !== 0) {
    if (quiet) console.error(`${result.stdout}${result.stderr}`);
    console.error(`✗ ${title} failed (${command} ${args.join(' ')})`);
    process.exit(result.status ?? 1);
  }
  if (quiet) console.log(`  ${`${result.stdout}${result.stderr}`.trim().split('\n').at(-1)}`);
}

function checks(skipBuild: boolean) {
  if (!skipBuild) step('build', 'pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
  step('tarballs', 'pnpm', ['exec', 'tsx', 'scripts/check-packages.ts']);
  step('API reports', 'pnpm', ['exec', 'tsx', 'scripts/api-report.ts']);
  step('API reference', 'pnpm', ['exec', 'typedoc', '--logLevel', 'Warn']);
}

/** The working tree (tracked and untracked, not ignored) plus each public package's dist, copied. */
function scratchCopy(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'cnnkit-release-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(repoRoot, file)));
  for (const file of files) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(scratch, file));
  }
  for (const pkg of publicPackages()) {
    const relativeDirectory = pkg.relativeDirectory;
    cpSync(join(pkg.directory, 'dist'), join(scratch, relativeDirectory, 'dist'), { recursive: true });
    // Package managers and changesets resolve their helpers from here; nothing writes into it.
    symlinkSync(join(pkg.directory, 'node_modules'), join(scratch, relativeDirectory, 'node_modules'));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(scratch, 'node_modules'));
  return scratch;
}

function dryRun() {
  const scratch = scratchCopy();
  try {
    const before = new Map(publicPackages().map((pkg) => [pkg.name, pkg.manifest.version]));
    const pending = packagesWithChangesets(join(scratch, '.changeset'));
    step('changeset version (scratch copy)', 'pnpm', ['exec', 'changeset', 'version'], scratch, true);
    const problems: string[] = [];
    for (const pkg of publicPackages()) {
      const directory = join(scratch, pkg.relativeDirectory);
      const version = readManifest(directory).version;
      if (!pending.has(pkg.name)) {
        console.log(`  ${pkg.name} ${version} (no pending changeset)`);
        continue;
      }
      const changelogPath = join(directory, 'CHANGELOG.md');
      const changelog = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '';
      if (version === before.get(pkg.name))
        problems.push(`${pkg.name}: has a changeset but its version stayed ${version}`);
      if (!changelog.includes(`## ${version}`))
        problems.push(`${pkg.name}: CHANGELOG.md has no "## ${version}" section`);
      const packed = spawnSync('pnpm', ['pack', '--dry-run', '--json'], { cwd: directory, encoding: 'utf8' });
      if (!packed.stdout.includes('"CHANGELOG.md"'))
        problems.push(`${pkg.name}: CHANGELOG.md is not in its tarball`);
      console.log(`  ${pkg.name} ${before.get(pkg.name)} → ${version}, CHANGELOG.md written`);
    }
    if (problems.length > 0) {
      console.error(problems.map((problem) => `✗ ${problem}`).join('\n'));
      process.exit(1);
    }
    for (const pkg of publicPackages()) {
      step(
        `pnpm publish --dry-run ${pkg.name}`,
        'pnpm',
        ['publish', '--dry-run', '--no-git-checks', '--access', 'public'],
        join(scratch, pkg.relativeDirectory),
        true,
      );
    }
    console.log('✓ release dry run: nothing published, nothing changed in the repository');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
// `npm test` runs the same checks just before, so its dry run passes --skip-checks.
if (!args.includes('--skip-checks')) checks(args.includes('--skip-build'));
if (args.includes('--dry-run')) {
  dryRun();
} else {
  if (packagesWithChangesets(join(repoRoot, '.changeset')).size > 0) {
    console.error('✗ pending changesets: run `pnpm version-packages`, review and commit, then release');
    process.exit(1);
  }
  step('changeset publish', 'pnpm', ['exec', 'changeset', 'publish']);
}
