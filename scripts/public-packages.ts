/**
 * The workspace's publishable packages, found rather than listed: every `packages/*` and `apps/*`
 * folder with a package.json that is not `private`. A new package is picked up by every script
 * that uses this (pack checks, consumer test, API reports, TypeDoc) without editing a list.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  keywords?: string[];
  homepage?: string;
  bugs?: { url?: string } | string;
  repository?: { type?: string; url?: string; directory?: string } | string;
  author?: string | { name: string };
  license?: string;
  exports?: Record<string, unknown>;
  publishConfig?: { exports?: Record<string, unknown>; [key: string]: unknown };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
  bin?: Record<string, string> | string;
}

export interface WorkspacePackage {
  name: string;
  /** Absolute folder. */
  directory: string;
  /** Folder relative to the repository root, with forward slashes (`packages/shape-math`). */
  relativeDirectory: string;
  manifest: Manifest;
}

export function readManifest(directory: string): Manifest {
  return JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as Manifest;
}

/** Every package under `packages/` and `apps/` of a workspace root, private ones included. */
function workspacePackages(root: string): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of ['packages', 'apps']) {
    const groupDirectory = join(root, group);
    if (!existsSync(groupDirectory)) continue;
    for (const entry of readdirSync(groupDirectory, { withFileTypes: true })) {
      const directory = join(groupDirectory, entry.name);
      if (!entry.isDirectory() || !existsSync(join(directory, 'package.json'))) continue;
      const manifest = readManifest(directory);
      found.push({ name: manifest.name, directory, relativeDirectory: `${group}/${entry.name}`, manifest });
    }
  }
  return found;
}

/**
 * Every non-private package under `packages/` and `apps/`, sorted so dependencies come first.
 * `root` is the repository by default; a `versionedCopy`'s folder reads the versioned manifests.
 */
export function publicPackages(root = repoRoot): WorkspacePackage[] {
  return sortByDependencies(workspacePackages(root).filter((pkg) => !pkg.manifest.private));
}

function sortByDependencies(packages: WorkspacePackage[]): WorkspacePackage[] {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const sorted: WorkspacePackage[] = [];
  const visiting = new Set<string>();
  const visit = (pkg: WorkspacePackage) => {
    if (sorted.includes(pkg) || visiting.has(pkg.name)) return;
    visiting.add(pkg.name);
    const { dependencies = {}, peerDependencies = {} } = pkg.manifest;
    for (const name of Object.keys({ ...dependencies, ...peerDependencies }).sort()) {
      const sibling = byName.get(name);
      if (sibling) visit(sibling);
    }
    sorted.push(pkg);
  };
  for (const pkg of [...packages].sort((a, b) => a.name.localeCompare(b.name))) visit(pkg);
  return sorted;
}

/**
 * `pnpm pack`s every public package into `destination` (pnpm applies `publishConfig` and turns
 * `workspace:` ranges into versions, as `pnpm publish` does). Returns package name → tarball path.
 * The packages must be built.
 */
export function packAll(destination: string, packages = publicPackages()): Map<string, string> {
  mkdirSync(destination, { recursive: true });
  const tarballs = new Map<string, string>();
  for (const pkg of packages) {
    const before = new Set(readdirSync(destination));
    execFileSync('pnpm', ['pack', '--pack-destination', destination], {
      cwd: pkg.directory,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const created = readdirSync(destination).filter((file) => file.endsWith('.tgz') && !before.has(file));
    if (created.length !== 1)
      throw new Error(`pnpm pack in ${pkg.relativeDirectory} made ${created.length} tarballs`);
    tarballs.set(pkg.name, join(destination, created[0]!));
  }
  return tarballs;
}

/** A scratch copy of the repository with the pending changesets applied; see `versionedCopy`. */
export interface VersionedCopy {
  /** The copy's root folder (under the system temp dir). */
  readonly root: string;
  /** The public packages of the copy, with the versions `changeset version` gave them. */
  readonly packages: WorkspacePackage[];
  /** Package name → version in the repository (before the changesets were applied). */
  readonly versionsBefore: ReadonlyMap<string, string>;
  /** Deletes the copy. */
  dispose(): void;
}

/**
 * What a release would publish, without touching the repository: a scratch copy of the working tree
 * (tracked and untracked files, not ignored ones) and each public package's built `dist`, where
 * `changeset version` consumes the pending changesets. Each package then has the version the
 * changesets decide and its CHANGELOG.md, and `pnpm pack` there turns `workspace:` ranges into those
 * new versions: each package's `node_modules` in the copy links its workspace siblings to their
 * copies (everything else to the repository's installed packages). The packages must be built.
 */
export function versionedCopy(): VersionedCopy {
  const root = mkdtempSync(join(tmpdir(), 'cnnkit-versioned-'));
  const dispose = () => rmSync(root, { recursive: true, force: true });
  try {
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
      .split('\0')
      .filter((file) => file !== '' && existsSync(join(repoRoot, file)));
    for (const file of files) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      cpSync(join(repoRoot, file), join(root, file));
    }
    const siblings = new Map(workspacePackages(root).map((pkg) => [pkg.name, pkg.directory]));
    for (const pkg of workspacePackages(repoRoot)) {
      const copy = join(root, pkg.relativeDirectory);
      linkNodeModules(join(pkg.directory, 'node_modules'), join(copy, 'node_modules'), siblings);
      if (pkg.manifest.private) continue;
      if (!existsSync(join(pkg.directory, 'dist')))
        throw new Error(`${pkg.relativeDirectory}/dist is missing: run \`pnpm build\` first`);
      cpSync(join(pkg.directory, 'dist'), join(copy, 'dist'), { recursive: true });
    }
    // Package managers and changesets resolve their helpers from here; nothing writes into it.
    symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
    const versioned = spawnSync('pnpm', ['exec', 'changeset', 'version'], { cwd: root, encoding: 'utf8' });
    if (versioned.status !== 0)
      throw new Error(
        `changeset version failed in the scratch copy:\n${versioned.stdout}${versioned.stderr}`,
      );
    const versionsBefore = new Map(publicPackages().map((pkg) => [pkg.name, pkg.manifest.version]));
    return { root, packages: publicPackages(root), versionsBefore, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** A package's `node_modules` for the copy: links to the installed packages, siblings to their copies. */
function linkNodeModules(from: string, to: string, siblings: ReadonlyMap<string, string>) {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (!entry.startsWith('@')) {
      symlinkSync(join(from, entry), join(to, entry));
      continue;
    }
    mkdirSync(join(to, entry));
    for (const scoped of readdirSync(join(from, entry))) {
      const sibling = siblings.get(`${entry}/${scoped}`);
      symlinkSync(sibling ?? join(from, entry, scoped), join(to, entry, scoped));
    }
  }
}

/**
 * The tarballs a release would publish: `versionedCopy`, then `packAll` of its packages into
 * `destination` (outside the copy, which is deleted afterwards). Returns the tarballs and, per
 * package, the version before and after the changesets. The packages must be built.
 */
export function packReleased(destination: string): ReleasedTarballs {
  const shared = process.env[RELEASED_TARBALLS_VARIABLE];
  if (shared !== undefined && shared !== '') return sharedReleasedTarballs(shared, destination);
  return packReleasedHere(destination);
}

function packReleasedHere(destination: string): ReleasedTarballs {
  const copy = versionedCopy();
  try {
    const tarballs = packAll(destination, copy.packages);
    const versions = new Map(
      copy.packages.map((pkg) => [
        pkg.name,
        { before: copy.versionsBefore.get(pkg.name) ?? pkg.manifest.version, after: pkg.manifest.version },
      ]),
    );
    return { tarballs, versions };
  } finally {
    copy.dispose();
  }
}

/** The tarballs a release would publish, and each package's version before and after the changesets. */
export interface ReleasedTarballs {
  tarballs: Map<string, string>;
  versions: Map<string, { before: string; after: string }>;
}

/**
 * `npm test` runs the package checks and the consumer test on the same tree, one after the other:
 * with this variable set to an empty folder (scripts/quickstart.sh makes one per run), the first
 * `packReleased` packs there and records what it packed, and the second reads the same tarballs
 * instead of copying, versioning and packing the workspace again. Nothing else may write there.
 */
export const RELEASED_TARBALLS_VARIABLE = 'CNNKIT_RELEASED_TARBALLS';

function sharedReleasedTarballs(folder: string, destination: string): ReleasedTarballs {
  const record = join(folder, 'released.json');
  if (!existsSync(record)) {
    const packed = packReleasedHere(join(folder, 'tarballs'));
    const entries = {
      tarballs: [...packed.tarballs],
      versions: [...packed.versions],
    };
    writeFileSync(record, `${JSON.stringify(entries, null, 2)}\n`);
  }
  const entries = JSON.parse(readFileSync(record, 'utf8')) as {
    tarballs: [string, string][];
    versions: [string, { before: string; after: string }][];
  };
  // Callers own `destination` (they delete it afterwards): each gets copies, the shared ones stay.
  mkdirSync(destination, { recursive: true });
  const tarballs = new Map(
    entries.tarballs.map(([name, tarball]) => {
      const copy = join(destination, basename(tarball));
      cpSync(tarball, copy);
      return [name, copy];
    }),
  );
  return { tarballs, versions: new Map(entries.versions) };
}
