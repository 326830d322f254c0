/**
 * Release: build, check, then publish every public package whose version is not on the registry yet.
 *
 *   pnpm version-packages     (first, on a branch) `changeset version`: consumes the pending changesets,
 *                             bumps each package on its own and writes its CHANGELOG.md; review, commit.
 *   pnpm release              builds, runs the package checks (tarballs, API reports, API reference)
 *                             and `changeset publish` (pnpm publish: publishConfig applies, workspace
 *                             ranges become versions), which also tags each release.
 *   pnpm release --dry-run    the same on a scratch copy of the working tree (`versionedCopy` in
 *                             public-packages.ts): versions the pending changesets there, checks the
 *                             CHANGELOGs they produce, and runs `pnpm publish --dry-run` for each
 *                             public package. Nothing is uploaded and nothing in the repository
 *                             changes. `npm test` runs it (with --skip-checks: it has just run the
 *                             same checks).
 *
 * The tarball checks (check-packages.ts) and the consumer test pack the same versioned copy, so what
 * they check is what this would publish: the versions the changesets decide, each CHANGELOG.md inside.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagesWithChangesets } from './api-report';
import { repoRoot, versionedCopy } from './public-packages';

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

function dryRun() {
  const pending = packagesWithChangesets(join(repoRoot, '.changeset'));
  console.log('› changeset version (scratch copy)');
  const copy = versionedCopy();
  try {
    const before = copy.versionsBefore;
    const problems: string[] = [];
    for (const pkg of copy.packages) {
      const directory = pkg.directory;
      const version = pkg.manifest.version;
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
      copy.dispose(); // process.exit skips the finally below
      process.exit(1);
    }
    for (const pkg of copy.packages) {
      step(
        `pnpm publish --dry-run ${pkg.name}`,
        'pnpm',
        ['publish', '--dry-run', '--no-git-checks', '--access', 'public'],
        pkg.directory,
        true,
      );
    }
    console.log('✓ release dry run: nothing published, nothing changed in the repository');
  } finally {
    copy.dispose();
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
