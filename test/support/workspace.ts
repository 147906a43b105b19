import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What the tests read of a package.json. */
export interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly license?: string;
  readonly files?: readonly string[];
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** Every package under packages/, found by listing the folder, so new ones are covered. */
export function workspacePackages(): { dir: string; manifest: Manifest }[] {
  return readdirSync(`${ROOT}packages`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = `${ROOT}packages/${entry.name}`;
      return { dir, manifest: JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as Manifest };
    });
}

/** Published packages only (not `private`). */
export function publishedPackages(): { dir: string; manifest: Manifest }[] {
  return workspacePackages().filter(({ manifest }) => manifest.private !== true);
}
