import Tinypool from 'tinypool';

/** The worker file next to this module: the built one, or the source entry when running from TypeScript. */
function workerFilename(): string {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './picture-worker-source.mjs' : './picture-worker.js', import.meta.url).href;
}

/**
 * Draws pictures (SVG to PNG) in one worker thread, so a `/leaderboard` or `/explain` never blocks
 * the thread that answers interactions (issue 20: 26–58 ms a picture on that thread pushed everyone
 * else's replies back). The worker starts on first use and stays while pictures are asked for.
 */
export class PicturePool {
  private pool: Tinypool | undefined;

  async renderPng(svg: string): Promise<Buffer> {
    this.pool ??= new Tinypool({
      filename: workerFilename(),
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    const png = (await this.pool.run(svg)) as Uint8Array;
    return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  }

  /** Starts the worker now (and loads its fonts) with a tiny drawing, so the first real picture does not wait for it. */
  warm(): void {
    this.renderPng(
      '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><text y="1">.</text></svg>',
    ).catch(() => {});
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}
