// Renders Folio's Markdown with markdown-it at its default settings (as
// most JavaScript sites and editors do: `html: false`, typographer off) and
// checks what a reader sees against the document model.
//
// Usage: node markdown-it-check.mjs MD_DIR JSON_DIR
//   For every NAME.md in MD_DIR, JSON_DIR/NAME.json is the same input's model.
// Checks, per file:
//   - no HTML comment and no "markdownlint" text is visible;
//   - the visible text has no more backslashes than the model's text (no
//     escape shows literally);
//   - every text of the model (title, header lines, blocks, list items,
//     footer) appears in the visible text, in order, white space folded.
// Exit status 1 when a file fails; one line per failure, then a summary.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const MarkdownIt = require(process.env.MARKDOWN_IT || "markdown-it");
const md = new MarkdownIt();

const [mdDir, jsonDir] = process.argv.slice(2);
if (!mdDir || !jsonDir) {
  console.error("usage: markdown-it-check.mjs MD_DIR JSON_DIR");
  process.exit(2);
}

const fold = (s) => s.replace(/\s+/g, " ").trim();

// The text a reader sees: tags dropped, entities decoded.
function visible(html) {
  const entities = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
  return html
    // Block tags separate words; inline tags (links, emphasis, code) do not.
    .replace(/<\/?(p|h[1-6]|li|ul|ol|blockquote|pre|hr|br|table|tr|td|th)\b[^>]*>/g, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => entities[e]);
}

// Front matter is metadata to every front-matter-aware tool: not rendered.
function stripFrontMatter(src) {
  const m = src.match(/^---\n[\s\S]*?\n---\n/);
  return m ? src.slice(m[0].length) : src;
}

function inlineText(content) {
  return (content || [])
    .map((i) => (typeof i === "string" ? i : i.text ?? inlineText(i.content)))
    .join("");
}

function blockTexts(b, out) {
  if (b.content) out.push(inlineText(b.content));
  if (b.text && typeof b.text === "string") out.push(b.text);
  for (const child of b.blocks || []) blockTexts(child, out);
  for (const item of b.items || []) {
    out.push(inlineText(item.content));
    for (const child of item.children || []) blockTexts(child, out);
  }
}

function modelTexts(doc) {
  const out = [];
  for (const b of doc.body || []) blockTexts(b, out);
  for (const b of doc.footer || []) blockTexts(b, out);
  return out.map(fold).filter((t) => t.length > 0);
}

let files = 0;
let failed = 0;
for (const name of fs.readdirSync(mdDir).sort()) {
  if (!name.endsWith(".md")) continue;
  const jsonPath = path.join(jsonDir, name.replace(/\.md$/, ".json"));
  if (!fs.existsSync(jsonPath)) continue;
  files++;
  const src = stripFrontMatter(fs.readFileSync(path.join(mdDir, name), "utf8"));
  const seen = fold(visible(md.render(src)));
  const doc = JSON.parse(fs.readFileSync(jsonPath, "utf8"));
  const texts = modelTexts(doc);
  const modelAll = texts.join(" ");
  const problems = [];
  for (const bad of ["<!--", "markdownlint"]) {
    if (seen.includes(bad) && !modelAll.includes(bad)) problems.push(`visible "${bad}"`);
  }
  const count = (s, c) => s.split(c).length - 1;
  if (count(seen, "\\") > count(modelAll, "\\")) {
    const at = seen.indexOf("\\");
    problems.push(`stray backslash: …${seen.slice(Math.max(0, at - 30), at + 30)}…`);
  }
  let pos = 0;
  for (const t of texts) {
    const i = seen.indexOf(t, pos);
    if (i < 0) {
      problems.push(`text not shown as written: "${t.slice(0, 80)}"`);
      break;
    }
    pos = i + t.length;
  }
  if (problems.length) {
    failed++;
    console.log(`${name}: FAIL: ${problems.join("; ")}`);
  }
}
console.log(`markdown-it: ${files} files, ${failed} failed`);
process.exit(failed || files === 0 ? 1 : 0);
