// Parses Mermaid files with the real Mermaid parser (the `mermaid` package), headless:
// jsdom stands in for the browser, and nothing is rendered. For each file it prints one
// JSON line: {"file", "ok": true, "type", "vertices": [...], "edges": [...]} with what the
// parser understood, or {"file", "ok": false, "error"}. Exit status 1 if any file failed.
//
//     node parse.mjs a.mmd b.mmd
//
// Labels are decoded as the renderer decodes them (Mermaid's entity codes such as #quot;
// and #35;, then HTML entities), so they read as a viewer shows them.

import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

// What Mermaid's renderer does to a parsed label: its entity placeholders back to HTML
// entities, then the HTML entities to text.
function decode(text) {
  const html = String(text ?? '')
    .replace(/ﬂ°°/g, '&#')
    .replace(/ﬂ°/g, '&')
    .replace(/¶ß/g, ';');
  const element = document.createElement('textarea');
  element.innerHTML = html;
  return element.value;
}

let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const vertices = [...db.getVertices().values()].map((v) => ({
      id: v.id,
      label: decode(v.text),
      classes: v.classes ?? [],
    }));
    const edges = db.getEdges().map((e) => ({
      start: e.start,
      end: e.end,
      stroke: e.stroke,
      type: e.type,
      label: decode(e.text),
      style: e.style ?? [],
    }));
    console.log(JSON.stringify({ file, ok: true, type: diagram.type, vertices, edges }));
  } catch (error) {
    failed++;
    console.log(JSON.stringify({ file, ok: false, error: String(error?.message ?? error) }));
  }
}
process.exit(failed ? 1 : 0);
