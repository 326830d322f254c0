import { analyze, exercise2Spec, type ModelReport, type ModelSpecInput } from '@cnnkit/shape-math';
import type { QuestionPicture } from '../questions/pictures';
import { cutGraphemes } from '../text';
import type { LeaderboardView } from './results';

/**
 * Pictures drawn from the project's own specs and shape-math's figures (never stored images), as
 * SVG; `renderPng` turns them into PNG for Discord and for files. Every shape printed here is the
 * one shape-math computes for the spec beside it.
 */
export interface Picture {
  /** A file name without extension: "exercise2-feature-maps". */
  readonly name: string;
  readonly title: string;
  readonly svg: string;
}

const FONT = 'DejaVu Sans, Arial, Helvetica, sans-serif';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const shapeText = (shape: readonly number[]) => shape.join('×');

function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" font-family="${FONT}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/**
 * Exercise 2's feature maps to scale: each map's height and width at one scale, its channel count
 * as the depth of the stack (square root, so 400 channels stay on the page), sizes written beside.
 */
export function featureMapsPicture(options: Parameters<typeof exercise2Spec>[0] = {}): Picture {
  const report = analyze(exercise2Spec(options));
  const maps = [
    { label: 'input', shape: report.inputShape },
    ...report.layers.map((l) => ({ label: l.name, shape: l.outputShape })),
  ];
  const maxSide = Math.max(...maps.flatMap((m) => [m.shape[0]!, m.shape[1]!]));
  const scale = 260 / maxSide;
  const gap = 40;
  let x = 30;
  const body: string[] = [];
  const baseline = 360;
  for (const map of maps) {
    const [h, w, c] = [map.shape[0]!, map.shape[1]!, map.shape[2]!];
    const boxW = Math.max(2, w * scale);
    const boxH = Math.max(2, h * scale);
    const depth = Math.min(80, Math.sqrt(c) * 3);
    // The front face, and the top and side faces offset by the depth (a cuboid in oblique projection).
    const top = baseline - boxH;
    body.push(
      `<polygon points="${x},${top} ${x + depth},${top - depth} ${x + depth + boxW},${top - depth} ${x + boxW},${top}" fill="#c7d7f0" stroke="#33507a"/>`,
      `<polygon points="${x + boxW},${top} ${x + boxW + depth},${top - depth} ${x + boxW + depth},${baseline - depth} ${x + boxW},${baseline}" fill="#9fb7dd" stroke="#33507a"/>`,
      `<rect x="${x}" y="${top}" width="${boxW}" height="${boxH}" fill="#e6eefa" stroke="#33507a"/>`,
      `<text x="${x}" y="${baseline + 22}" font-size="15" font-weight="bold">${escapeXml(map.label)}</text>`,
      `<text x="${x}" y="${baseline + 42}" font-size="14">${escapeXml(shapeText(map.shape))}</text>`,
      `<text x="${x}" y="${baseline + 60}" font-size="12" fill="#555">${(h * w * c).toLocaleString('en-US')} values</text>`,
    );
    x += boxW + depth + gap;
  }
  const title = 'Exercise 2: feature maps to scale (height × width × channels, by shape-math)';
  body.unshift(`<text x="30" y="30" font-size="18" font-weight="bold">${escapeXml(title)}</text>`);
  return {
    name: 'exercise2-feature-maps',
    title: 'Exercise 2: feature maps to scale',
    svg: svgDocument(Math.max(x, 880), baseline + 80, body),
  };
}

/** A block diagram of a small network: layers by depth from the input, each with its output shape. */
export function blockDiagram(name: string, title: string, spec: ModelSpecInput, source: string): Picture {
  const report: ModelReport = analyze(spec);
  const nodes = [
    { name: 'input', label: 'input', shape: report.inputShape, inputs: [] as readonly string[], params: 0 },
    ...report.layers.map((l) => ({
      name: l.name,
      label: `${l.name} (${l.kind})`,
      shape: l.outputShape,
      inputs: l.inputs,
      params: l.params.total,
    })),
  ];
  const level = new Map<string, number>();
  for (const node of nodes)
    level.set(
      node.name,
      node.inputs.length === 0 ? 0 : 1 + Math.max(...node.inputs.map((i) => level.get(i) ?? 0)),
    );
  // Then each layer moves down next to its first consumer (as late as possible), so parallel
  // branches line up beside the merge they feed.
  for (const node of [...nodes].reverse()) {
    if (node.name === 'input') continue;
    const consumers = nodes.filter((n) => n.inputs.includes(node.name)).map((n) => level.get(n.name)!);
    if (consumers.length > 0) level.set(node.name, Math.min(...consumers) - 1);
  }
  // Rows of slots: a layer, or a waypoint of an edge that passes a row (Sugiyama-style), ordered
  // by the layer each slot leads to, so a branch that skips a row keeps a lane of its own.
  // Shortcuts into an add or multiply go around the side instead (a residual's identity path).
  const order = new Map(nodes.map((n, i) => [n.name, i]));
  const isMerge = (n: (typeof nodes)[number]) => /\((add|multiply)\)$/.test(n.label);
  type Slot = { key: string; sortBy: number };
  const rows = new Map<number, Slot[]>();
  const addSlot = (depth: number, slot: Slot) => rows.set(depth, [...(rows.get(depth) ?? []), slot]);
  for (const node of nodes) {
    addSlot(level.get(node.name)!, { key: node.name, sortBy: order.get(node.name)! });
    if (isMerge(node)) continue;
    for (const input of node.inputs)
      for (let depth = level.get(input)! + 1; depth < level.get(node.name)!; depth++)
        addSlot(depth, { key: `${input}->${node.name}@${depth}`, sortBy: order.get(node.name)! });
  }
  for (const row of rows.values()) row.sort((a, b) => a.sortBy - b.sortBy);
  const boxW = 250;
  const boxH = 58;
  const colGap = 24;
  const rowGap = 46;
  const widest = Math.max(...[...rows.values()].map((r) => r.length));
  const width = Math.max(640, widest * (boxW + colGap) + 40 + 120);
  const position = new Map<string, { x: number; y: number }>();
  for (const [depth, row] of rows) {
    const rowWidth = row.length * boxW + (row.length - 1) * colGap;
    row.forEach((slot, i) => {
      position.set(slot.key, {
        x: (width - rowWidth) / 2 + i * (boxW + colGap),
        y: 60 + depth * (boxH + rowGap),
      });
    });
  }
  const edges: string[] = [];
  const boxes: string[] = [];
  for (const node of nodes) {
    const to = position.get(node.name)!;
    for (const input of node.inputs) {
      const from = position.get(input)!;
      if (isMerge(node) && level.get(node.name)! - level.get(input)! > 1) {
        // A shortcut over several layers: drawn around their right side, not through them.
        const fromX = from.x + boxW;
        const toX = to.x + boxW;
        const bend = Math.max(fromX, toX) + 90;
        edges.push(
          `<path d="M${fromX},${from.y + boxH / 2} C${bend},${from.y + boxH / 2} ${bend},${to.y + boxH / 2} ${toX},${to.y + boxH / 2}" fill="none" stroke="#777" stroke-width="1.5" marker-end="url(#arrow)"/>`,
        );
        continue;
      }
      const points = [`${from.x + boxW / 2},${from.y + boxH}`];
      for (let depth = level.get(input)! + 1; depth < level.get(node.name)!; depth++) {
        const waypoint = position.get(`${input}->${node.name}@${depth}`)!;
        points.push(
          `${waypoint.x + boxW / 2},${waypoint.y}`,
          `${waypoint.x + boxW / 2},${waypoint.y + boxH}`,
        );
      }
      points.push(`${to.x + boxW / 2},${to.y}`);
      edges.push(
        `<polyline points="${points.join(' ')}" fill="none" stroke="#777" stroke-width="1.5" marker-end="url(#arrow)"/>`,
      );
    }
    boxes.push(
      `<rect x="${to.x}" y="${to.y}" width="${boxW}" height="${boxH}" rx="8" fill="${node.name === 'input' ? '#f3f3f3' : '#e6eefa'}" stroke="#33507a"/>`,
      `<text x="${to.x + boxW / 2}" y="${to.y + 22}" font-size="13" text-anchor="middle" font-weight="bold">${escapeXml(node.label)}</text>`,
      `<text x="${to.x + boxW / 2}" y="${to.y + 42}" font-size="13" text-anchor="middle">${escapeXml(shapeText(node.shape))}${node.params > 0 ? `  ·  ${node.params.toLocaleString('en-US')} params` : ''}</text>`,
    );
  }
  const height = 60 + rows.size * (boxH + rowGap) + 10;
  return {
    name,
    title,
    svg: svgDocument(width, height + 20, [
      '<defs><marker id="arrow" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#777"/></marker></defs>',
      `<text x="20" y="30" font-size="18" font-weight="bold">${escapeXml(title)}</text>`,
      ...edges,
      ...boxes,
      `<text x="20" y="${height + 10}" font-size="12" fill="#555">${escapeXml(`Shapes by shape-math (height×width×channels). ${source}`)}</text>`,
    ]),
  };
}

/**
 * The pictures that explain a question, drawn fresh each time from what the question lists
 * (`question.pictures`, beside its text in `src/questions/`). Files read rather than drawn (the
 * committed segmentation run) are the adapters' to attach: they are skipped here.
 */
export function picturesFor(question: { readonly pictures: readonly QuestionPicture[] }): Picture[] {
  // A record by kind: a new kind of picture that is not drawn here is a compile error.
  const draw: { [K in QuestionPicture['kind']]: (p: Extract<QuestionPicture, { kind: K }>) => Picture[] } = {
    exercise2FeatureMaps: () => [featureMapsPicture()],
    blockDiagram: (p) => [blockDiagram(p.name, p.title, p.spec, p.source)],
    segmentationRun: () => [],
  };
  return question.pictures.flatMap((p) => (draw[p.kind] as (p: QuestionPicture) => Picture[])(p));
}

/** A horizontal bar chart of the top scores. */
export function leaderboardChart(view: LeaderboardView): Picture {
  const rows = view.rows.slice(0, 10);
  const max = Math.max(1, ...rows.map((r) => r.points));
  const barArea = 420;
  const body = [`<text x="20" y="30" font-size="18" font-weight="bold">${escapeXml(view.title)}</text>`];
  rows.forEach((row, i) => {
    const y = 50 + i * 34;
    const w = Math.max(2, (row.points / max) * barArea);
    body.push(
      `<text x="20" y="${y + 19}" font-size="14">${row.rank}. ${escapeXml(cutGraphemes(row.name, 24))}</text>`,
      `<rect x="230" y="${y}" width="${w.toFixed(1)}" height="26" rx="4" fill="${i === 0 ? '#e0a800' : '#4a78c2'}"/>`,
      `<text x="${(236 + w).toFixed(1)}" y="${y + 19}" font-size="14">${row.points.toLocaleString('en-US')}</text>`,
    );
  });
  if (rows.length === 0) body.push('<text x="20" y="70" font-size="14">Nobody has answered yet.</text>');
  return {
    name: 'leaderboard',
    title: view.title,
    svg: svgDocument(760, 70 + Math.max(1, rows.length) * 34, body),
  };
}
