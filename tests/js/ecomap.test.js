// The network map's drawing (docs/assets/javascripts/ecomap.js), run with node's own test runner. The form's
// description is the one the build makes from forms/schema.yml (toolbox/render/ecomap.py), passed in by
// tests/test_ecomap.py; the browser suite (tests/browser/test_ecomap_page.py) draws with the same code in the page.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const ecomap = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "ecomap.js"));

const DESC = JSON.parse(process.env.DKK_ECOMAP || "null");
const THIRTY = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "ecomap", "netvaerkskort-30.json"), "utf-8"));

function find(node, pred, out = []) {
  if (typeof node === "string") { return out; }
  if (pred(node)) { out.push(node); }
  node.children.forEach((c) => find(c, pred, out));
  return out;
}
const byClass = (tree, cls) => find(tree, (n) => n.attrs.class === cls);

test("the description is the form's", () => {
  assert.ok(DESC, "tests/test_ecomap.py passes the network map's description in DKK_ECOMAP");
  assert.ok(DESC.sectors.length >= 8);
});

test("only the people the citizen has contact with are drawn, with their role and name", () => {
  const values = {
    "borger.navn": "Sara Eksempel",
    "aktoerer.behandling.dpc.har-kontakt": "ja", "aktoerer.behandling.dpc.navn": "Ali",
    "aktoerer.behandling.hospital.har-kontakt": "nej", "aktoerer.behandling.hospital.navn": "Ikke med",
    "aktoerer.behandling.praksislaege.navn": "Heller ikke med",
    "aktoerer.boligen.andre.0.label": "Udlejer", "aktoerer.boligen.andre.0.har-kontakt": "ja",
    "aktoerer.boligen.andre.2.har-kontakt": "ja", "aktoerer.boligen.andre.2.navn": "Uden rækkenavn",
  };
  const data = ecomap.actors(DESC, values);
  assert.strictEqual(data.citizen, "Sara Eksempel");
  assert.strictEqual(data.count, 3);
  const drawn = [].concat(...data.sectors.map((s) => s.actors.map((a) => [s.label, a.role, a.name])));
  const boligen = DESC.sectors.find((s) => s.name === "aktoerer.boligen");
  const repeat = boligen.rows.find((r) => r.repeat).repeat;
  assert.deepStrictEqual(drawn, [["Behandling", "DPC", "Ali"], ["Boligen", "Udlejer", ""], ["Boligen", repeat, "Uden rækkenavn"]]);
  const t = ecomap.draw(DESC, values, "t");
  assert.strictEqual(byClass(t.svg, "tb-ecomap-actor").length, 3);
  assert.ok(!t.markup.includes("Ikke med") && !t.markup.includes("Heller ikke med"));
  assert.ok(t.alt.includes("Sara Eksempel") && t.alt.includes("DPC, Ali") && t.alt.includes("Udlejer"), t.alt);
  // nobody in contact: the citizen (or "Borgeren") alone, and the legend says how to add people
  const empty = ecomap.draw(DESC, {}, "t");
  assert.strictEqual(empty.count, 0);
  assert.ok(empty.markup.includes(DESC.texts.citizen));
  assert.strictEqual(byClass(empty.svg, "tb-ecomap-actor").length, 0);
});

test("the same data gives the same SVG, whatever the order of the values", () => {
  const a = ecomap.draw(DESC, THIRTY.values, "t").markup;
  const reversed = Object.fromEntries(Object.entries(THIRTY.values).reverse());
  const b = ecomap.draw(DESC, reversed, "t").markup;
  assert.strictEqual(a, b);
  assert.strictEqual(ecomap.draw(DESC, THIRTY.values, "t").markup, a);
  // and a change shows: one more person is one more box
  const more = { ...THIRTY.values, "aktoerer.familie.andre.0.har-kontakt": "ja", "aktoerer.familie.andre.0.label": "Nabo" };
  const c = ecomap.draw(DESC, more, "t");
  assert.notStrictEqual(c.markup, a);
  assert.strictEqual(byClass(c.svg, "tb-ecomap-actor").length, 31);
});

test("each connection has a line style of its own, never colour alone", () => {
  const values = {};
  const kinds = ["staerk", "svag", "anstrengt", null];
  ["dpc", "opus", "psykolog", "hospital"].forEach((row, i) => {
    values[`aktoerer.behandling.${row}.har-kontakt`] = "ja";
    if (kinds[i]) { values[`aktoerer.behandling.${row}.forbindelse`] = kinds[i]; }
  });
  const t = ecomap.draw(DESC, values, "t");
  const links = byClass(t.svg, "tb-ecomap-links")[0].children;
  const shapes = links.map((n) => n.tag + (n.attrs["stroke-dasharray"] ? ":dashed" : "") + ":" + n.attrs["stroke-width"]);
  // the boxes go round in the form's order: stærk (two lines), svag (dashed), anstrengt (zigzag), none (thin)
  assert.deepStrictEqual(shapes, ["line:2", "line:2", "line:dashed:2", "polyline:2", "line:1.25"]);
  assert.deepStrictEqual(DESC.connections.map((c) => c.id).sort(), Object.keys(ecomap.LINES).filter((k) => k !== "null").sort(),
                         "every choice of the connection has a line style");
  const styles = Object.values(ecomap.LINES).map((l) => l.style);
  assert.strictEqual(new Set(styles).size, styles.length, "no two connections look alike");
});

test("who is in the coordinating meeting has a double frame", () => {
  const values = { "aktoerer.behandling.dpc.har-kontakt": "ja", "aktoerer.behandling.dpc.koordinerende-moede": "ja",
                   "aktoerer.behandling.opus.har-kontakt": "ja" };
  const t = ecomap.draw(DESC, values, "t");
  const frames = byClass(t.svg, "tb-ecomap-actor").map((g) => g.children.filter((c) => c.tag === "rect").length);
  assert.deepStrictEqual(frames, [2, 1]);
  assert.ok(t.alt.includes(DESC.texts.alt_meeting));
});

test("every value is text in the SVG, never markup", () => {
  const values = { "borger.navn": "<script>alert(1)</script>", "aktoerer.behandling.dpc.har-kontakt": "ja",
                   "aktoerer.behandling.dpc.navn": 'Ali & "Co" <b>fed</b>' };
  const t = ecomap.draw(DESC, values, "t");
  assert.ok(!t.markup.includes("<script") && !t.markup.includes("<b>"), t.markup);
  assert.ok(t.markup.includes("&lt;b&gt;fed&lt;/b&gt;") || t.markup.includes("&lt;b&gt;fed"));
  assert.ok(t.markup.includes("Ali &amp; \"Co\"") || t.markup.includes("Ali &amp;"));
  assert.ok(t.alt.includes('Ali & "Co" <b>fed</b>'), "the text alternative is the text itself");
});

test("long words break where they may, and no line is wider than the box allows", () => {
  assert.deepStrictEqual(ecomap.wrap("Hjemme-hos'er/familievejleder", true, 232, 3), ["Hjemme-hos'er/", "familievejleder"]);
  const long = "Kontaktperson i Kriminalforsorgen i frihed og i fængslet og endnu flere ord";
  const lines = ecomap.wrap(long, true, 232, 3);
  assert.strictEqual(lines.length, 3);
  assert.ok(lines[2].endsWith("…"));
  lines.forEach((l) => assert.ok(ecomap.textWidth(l, true) <= 232, l));
  ecomap.wrap("x".repeat(200), false, 100, 2).forEach((l) => assert.ok(ecomap.textWidth(l, false) <= 100));
});

test("many people: the picture grows, the boxes never overlap", () => {
  const t = ecomap.draw(DESC, THIRTY.values, "t");
  assert.strictEqual(t.count, 30);
  const rects = byClass(t.svg, "tb-ecomap-actor").map((g) => g.children.find((c) => c.tag === "rect").attrs)
    .map((a) => ({ x: +a.x, y: +a.y, w: +a.width, h: +a.height }));
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i], b = rects[j];
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      assert.ok(apart, `boxes ${i} and ${j} overlap`);
    }
    assert.ok(rects[i].x >= 0 && rects[i].x + rects[i].w <= t.width && rects[i].y >= 0 && rects[i].y + rects[i].h <= t.height);
  }
});
