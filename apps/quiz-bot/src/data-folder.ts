import { homedir } from 'node:os';
import { join } from 'node:path';

/** The quiz's data folder: `$XDG_DATA_HOME/cnnkit`, or `~/.local/share/cnnkit`. */
export function dataFolder(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME.length > 0
      ? env.XDG_DATA_HOME
      : join(homedir(), '.local', 'share');
  return join(base, 'cnnkit');
}
