/**
 * The workspace's publishable packages, found rather than listed: every `packages/*` and `apps/*`
 * folder with a package.json that is not `private`. A new package is picked up by every script
 * that uses this (pack checks, consumer test, API reports, TypeDoc) without editing a list.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

/** Every non-private package under `packages/` and `apps/`, sorted so dependencies come first. */
export function publicPackages(): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of ['packages', 'apps']) {
    const groupDirectory = join(repoRoot, group);
    if (!existsSync(groupDirectory)) continue;
    for (const entry of readdirSync(groupDirectory, { withFileTypes: true })) {
      const directory = join(groupDirectory, entry.name);
      if (!entry.isDirectory() || !existsSync(join(directory, 'package.json'))) continue;
      const manifest = readManifest(directory);
      if (manifest.private) continue;
      found.push({ name: manifest.name, directory, relativeDirectory: `${group}/${entry.name}`, manifest });
    }
  }
  return sortByDependencies(found);
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
