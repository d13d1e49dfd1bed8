/**
 * Writes small hand-made OSM XML files for builder tests: nodes on a local grid (x east, y north,
 * roughly 100 m per unit near 63° N) and ways with tags.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestNode {
  id: number;
  x: number;
  y: number;
  tags?: Record<string, string>;
}
export interface TestWay {
  id: number;
  refs: number[];
  tags: Record<string, string>;
}

export const latOf = (y: number) => 63 + y * 0.0009;
export const lonOf = (x: number) => 14 + x * 0.002;

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const tagXml = (tags: Record<string, string> = {}) =>
  Object.entries(tags)
    .map(([k, v]) => `<tag k="${attr(k)}" v="${attr(v)}"/>`)
    .join('');

export function osmXml(nodes: TestNode[], ways: TestWay[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<osm version="0.6" generator="sot-test">',
    ...nodes.map(
      (n) => `<node id="${n.id}" lat="${latOf(n.y)}" lon="${lonOf(n.x)}">${tagXml(n.tags)}</node>`,
    ),
    ...ways.map(
      (w) => `<way id="${w.id}">${w.refs.map((r) => `<nd ref="${r}"/>`).join('')}${tagXml(w.tags)}</way>`,
    ),
    '</osm>',
  ].join('\n');
}

/** Writes the file into a fresh temporary directory and returns its path. */
export function writeTestOsm(nodes: TestNode[], ways: TestWay[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-graph-'));
  const file = path.join(dir, 'test.osm');
  fs.writeFileSync(file, osmXml(nodes, ways));
  return file;
}
