import { renderPng } from './render';

/** The picture worker's one task: an SVG drawn to PNG off the bot's thread (fonts found once per worker). */
export default function renderPicture(svg: string): Uint8Array {
  return renderPng(svg);
}
