// The JavaScript side of bench_speed.py: the same cover cards drawn by Satori +
// @resvg/resvg-js (what @vercel/og runs) and by Takumi (@takumi-rs/core), timed in this
// process. Run by bench_speed.py with the scratch folder's node_modules on NODE_PATH:
//
//     node bench/node_cards.mjs SPEC.json OUT_DIR
//
// SPEC.json: {"runs": N, "cards": [{name, width, height, dir, lang, colours, frame,
// kicker, kicker_size, headline, headline_size, bullets, bullet_size, footer,
// footer_size, fonts: [{family, path, weight}]}]} (families in fallback order). Prints one JSON object:
// {engine: {card: {median_ms, runs_ms, png_bytes}}} and writes OUT_DIR/<engine>-<card>.png
// so the drawings can be looked at.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const require = createRequire(join(process.env.SHARECARD_NODE_MODULES, "package.json"));
const satori = require("satori").default;
const { Resvg } = require("@resvg/resvg-js");
const { Renderer } = require("@takumi-rs/core");
const { container, text } = require("@takumi-rs/helpers");

const [specPath, outDir] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specPath, "utf8"));
mkdirSync(outDir, { recursive: true });

// One description of the card, turned into Satori's React-like elements and Takumi's nodes.
function card(c) {
  const col = c.colours;
  const f = c.frame;
  const rtl = c.dir === "rtl";
  const align = rtl ? "right" : "left";
  const marker = Math.round(c.bullet_size * 0.32 * 100) / 100;
  const indent = c.bullet_size * 1.05; // as sharecard's bullets: marker, then the text
  const column = (c.width - f.left - f.right) * 0.94; // the cover's text column
  const row = (children, style) => ({ box: true, style: { display: "flex", ...style }, children });
  const words = (value, style) => ({ box: false, text: value, style });
  const bullets = c.bullets.map((b) =>
    row(
      [
        row([], {
          width: marker, height: marker, backgroundColor: col.accent, flexShrink: 0,
          marginTop: c.bullet_size * 0.5, marginInlineEnd: indent - marker,
        }),
        words(b, { fontSize: c.bullet_size, lineHeight: 1.32, color: col.body, width: column - indent, textAlign: align }),
      ],
      { flexDirection: "row", width: column, marginTop: c.bullet_size * 0.5 }, // direction flips it
    ),
  );
  const inner = [
    words(c.kicker, { fontSize: c.kicker_size, fontWeight: 700, color: col.accent, textAlign: align }),
    words(c.headline, {
      fontSize: c.headline_size, fontWeight: 700, lineHeight: 1.06, color: col.text,
      marginTop: c.kicker_size, textAlign: align, width: column,
    }),
    row(bullets, { flexDirection: "column", alignItems: rtl ? "flex-end" : "flex-start", marginTop: c.bullet_size * 0.5 }),
    row([], { flexGrow: 1 }),
    row([], { height: 1, width: c.width - f.left - f.right, backgroundColor: col.rule, marginBottom: c.footer_size * 0.5 }),
    ...c.footer.map((line) =>
      words(line.text, { fontSize: c.footer_size, lineHeight: 1.3, color: col.muted, fontWeight: line.bold ? 700 : 400, textAlign: align }),
    ),
  ];
  // The content box is placed absolutely inside the card (no padding on the root), so
  // both engines agree on its size whatever their box-sizing.
  return row(
    [
      row([], { position: "absolute", left: 0, top: 0, width: c.width, height: 7, backgroundColor: col.accent }),
      row(inner, {
        position: "absolute", left: f.left, top: f.top, width: c.width - f.left - f.right,
        height: c.height - f.top - f.bottom, flexDirection: "column",
        alignItems: rtl ? "flex-end" : "flex-start",
      }),
    ],
    {
      width: c.width, height: c.height, backgroundColor: col.background,
      fontFamily: [...new Set(c.fonts.map((f) => f.family))].join(", "),
      direction: c.dir,
    },
  );
}

function toSatori(n) {
  if (!n.box) return { type: "div", props: { style: { display: "flex", ...n.style }, children: n.text } };
  return { type: "div", props: { style: n.style, children: n.children.map(toSatori) } };
}

function toTakumi(n) {
  if (!n.box) return text(n.text, n.style);
  return container({ style: n.style, children: n.children.map(toTakumi) });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function time(runs, fn) {
  let out = await fn(); // warm-up: font parsing, glyph caches, JIT
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = await fn();
    samples.push(performance.now() - t0);
  }
  return { median_ms: median(samples), runs_ms: samples, png_bytes: out.length, png: out };
}

const results = { satori_resvg: {}, takumi: {} };
const fontData = new Map();
const load = (p) => fontData.get(p) ?? fontData.set(p, readFileSync(p)).get(p);

for (const c of spec.cards) {
  const tree = card(c);
  const fonts = c.fonts.map((f) => ({ name: f.family, data: load(f.path), weight: f.weight, style: "normal" }));

  const satoriTree = toSatori(tree);
  const sr = await time(spec.runs, async () => {
    const svg = await satori(satoriTree, { width: c.width, height: c.height, fonts });
    return new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
  });

  const renderer = new Renderer();
  for (const f of c.fonts) await renderer.registerFont({ name: f.family, data: load(f.path), weight: f.weight });
  const takumiTree = toTakumi(tree);
  const tk = await time(spec.runs, () =>
    renderer.render(takumiTree, { width: c.width, height: c.height, format: "png", lang: c.lang }),
  );

  for (const [engine, r] of [["satori_resvg", sr], ["takumi", tk]]) {
    writeFileSync(join(outDir, `${engine}-${c.name}.png`), r.png);
    delete r.png;
    results[engine][c.name] = r;
  }
}
process.stdout.write(JSON.stringify(results));
