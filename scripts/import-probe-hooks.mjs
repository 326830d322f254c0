// Resolve hook for import-probe.mjs: reports every URL the loader resolves, with the specifier and
// the module that asked for it, to the probe's thread.
let port;

export function initialize(data) {
  port = data.port;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  port.postMessage({ url: result.url, specifier, parentURL: context.parentURL ?? null });
  return result;
}
