// Prints the text pdf.js (Firefox's PDF viewer) gives for each page of a
// PDF, as its find bar sees it: the items of `getTextContent()` joined in
// order, a newline after each item that ends a line (`hasEOL`), a form
// feed after each page.
//
// usage: node pdfjs-text.mjs FILE.pdf [X Y W H]
// With X Y W H (points, from the page's top-left corner), only the items
// whose origin lies in that rectangle are printed.
import { readFile } from "node:fs/promises";

// Text extraction draws nothing: pdf.js only needs these names to exist
// (it would take them from the optional `@napi-rs/canvas`, not installed).
globalThis.DOMMatrix ??= class DOMMatrix {};
globalThis.ImageData ??= class ImageData {};
globalThis.Path2D ??= class Path2D {};
const warn = console.warn;
const log = console.log;
console.warn = console.log = () => {};
const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
console.warn = warn;
console.log = log;

const [file, ...area] = process.argv.slice(2);
if (!file || (area.length !== 0 && area.length !== 4)) {
  console.error("usage: node pdfjs-text.mjs FILE.pdf [X Y W H]");
  process.exit(2);
}
const [ax, ay, aw, ah] = area.map(Number);
const data = new Uint8Array(await readFile(file));
const doc = await getDocument({ data, verbosity: 0, useSystemFonts: false }).promise;
const out = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const [, , , top] = page.view;
  const content = await page.getTextContent();
  for (const item of content.items) {
    if (typeof item.str !== "string") continue;
    if (area.length && item.str !== "") {
      const x = item.transform[4];
      const y = top - item.transform[5];
      if (x < ax || x > ax + aw || y < ay || y > ay + ah) continue;
    }
    out.push(item.str);
    if (item.hasEOL) out.push("\n");
  }
  out.push("\f");
  page.cleanup();
}
await doc.destroy();
process.stdout.write(out.join(""));
