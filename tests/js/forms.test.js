// Save/load logic of the browser module, run with node's own test runner (no browser needed).
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const forms = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "forms.js"));

const entries = [
  { name: "borger.navn", type: "text", value: "Anna Test" },
  { name: "borger.tom", type: "text", value: "" },
  { name: "moede.type", type: "radio", value: "opstart", checked: false },
  { name: "moede.type", type: "radio", value: "opfoelgning", checked: true },
  { name: "s.enig", type: "checkbox", value: "ja", checked: true },
  { name: "s.nej", type: "checkbox", value: "ja", checked: false },
  { name: "s.flere", type: "checkbox", value: "a", checked: true, multi: true },
  { name: "s.flere", type: "checkbox", value: "b", checked: false, multi: true },
  { name: "s.flere", type: "checkbox", value: "c", checked: true, multi: true },
  { name: "", type: "button", value: "x" },
];

test("collect keeps filled values only", () => {
  assert.deepStrictEqual(forms.collect(entries), {
    "borger.navn": "Anna Test",
    "moede.type": "opfoelgning",
    "s.enig": "ja",
    "s.flere": ["a", "c"],
  });
});

test("a saved file reads back to the same values and rows", () => {
  const values = forms.collect(entries);
  const saved = JSON.stringify(forms.serialize("netvaerkskort", values, { "a.b.andre": 3 }, new Date(Date.UTC(2026, 10, 23))));
  const back = forms.parseSaved(saved, "netvaerkskort");
  assert.strictEqual(back.ok, true);
  assert.deepStrictEqual(back.data.values, values);
  assert.deepStrictEqual(back.data.rows, { "a.b.andre": 3 });
  assert.strictEqual(back.data.saved, "2026-11-23T00:00:00.000Z");
});

test("files for another form, other formats and broken JSON are refused in Danish", () => {
  const other = JSON.stringify(forms.serialize("udrettedagsorden", {}, {}));
  assert.match(forms.parseSaved(other, "netvaerkskort").error, /hører til blanketten “udrettedagsorden”/);
  assert.match(forms.parseSaved("{not json", "x").error, /kunne ikke læses/);
  assert.match(forms.parseSaved('{"a": 1}', "x").error, /ikke en gemt blanket/);
  const future = JSON.stringify(Object.assign(forms.serialize("x", {}, {}), { version: 99 }));
  assert.match(forms.parseSaved(future, "x").error, /version/);
});

test("values that are not text are dropped, row counts are bounded", () => {
  const text = JSON.stringify({ format: "dkk-blanket", version: 1, form: "x",
    values: { a: "ok", b: { evil: true }, c: 5, d: ["x", 1] }, rows: { r: 3, s: -1, t: 9999, u: "2" } });
  const back = forms.parseSaved(text, "x");
  assert.deepStrictEqual(back.data.values, { a: "ok", d: ["x"] });
  assert.deepStrictEqual(back.data.rows, { r: 3, u: 2 });
});

test("file names carry the form and the date", () => {
  assert.strictEqual(forms.fileName("netvaerkskort", new Date(2026, 0, 5)), "netvaerkskort-2026-01-05.json");
});

test("renumber rewrites names, ids and the shown row number", () => {
  const tpl = '<input name="d.p.emner.__N__.maal" id="d--p--emner--__N__--maal"><label>Emne __M__</label>';
  assert.strictEqual(forms.renumber(tpl, "d.p.emner", 4, 5),
    '<input name="d.p.emner.4.maal" id="d--p--emner--4--maal"><label>Emne 5</label>');
  const row2 = '<input name="d.p.emner.2.maal" id="d--p--emner--2--maal">';
  assert.strictEqual(forms.renumber(row2, "d.p.emner", 1, 2), '<input name="d.p.emner.1.maal" id="d--p--emner--1--maal">');
});
