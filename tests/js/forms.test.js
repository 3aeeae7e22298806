// Save/load logic of the browser module, run with node's own test runner (no browser needed).
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const forms = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "forms.js"));
// The messages the pages carry in data-messages (from toolbox/messages.py, passed in by tests/test_forms_js.py).
const MESSAGES = JSON.parse(process.env.DKK_MESSAGES || "{}");
const da = forms.messages(JSON.stringify(MESSAGES.da));
const en = forms.messages(JSON.stringify(MESSAGES.en));

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
  const back = forms.parseSaved(saved, "netvaerkskort", da);
  assert.strictEqual(back.ok, true);
  assert.deepStrictEqual(back.data.values, values);
  assert.deepStrictEqual(back.data.rows, { "a.b.andre": 3 });
  assert.strictEqual(back.data.saved, "2026-11-23T00:00:00.000Z");
});

test("files for another form, other formats and broken JSON are refused in Danish", () => {
  const other = JSON.stringify(forms.serialize("udrettedagsorden", {}, {}));
  assert.match(forms.parseSaved(other, "netvaerkskort", da).error, /hører til blanketten “udrettedagsorden”/);
  assert.match(forms.parseSaved("{not json", "x", da).error, /kunne ikke læses/);
  assert.match(forms.parseSaved('{"a": 1}', "x", da).error, /ikke en gemt blanket/);
  const future = JSON.stringify(Object.assign(forms.serialize("x", {}, {}), { version: 99 }));
  assert.match(forms.parseSaved(future, "x", da).error, /version, som denne side ikke kender/);
});

test("the same refusals in English on an English page", () => {
  const other = JSON.stringify(forms.serialize("udrettedagsorden", {}, {}));
  assert.strictEqual(forms.parseSaved(other, "pjece-borger-en", en).error,
    "The file belongs to the form “udrettedagsorden”, not to this form.");
  assert.match(forms.parseSaved("{not json", "x", en).error, /^The file could not be read\./);
  assert.match(forms.parseSaved('{"a": 1}', "x", en).error, /^The file is not a form saved/);
});

test("every message the script uses is on the pages, in Danish and in English", () => {
  for (const lang of ["da", "en"]) {
    assert.deepStrictEqual(Object.keys(MESSAGES[lang] || {}).sort(), forms.KEYS.slice().sort(), lang);
    for (const key of forms.KEYS) {
      assert.notStrictEqual(forms.messages(JSON.stringify(MESSAGES[lang]))[key], key, `${lang}: ${key}`);
    }
  }
  assert.notStrictEqual(MESSAGES.da.saved, MESSAGES.en.saved);
});

test("a page without messages shows the keys, and placeholders are filled once", () => {
  assert.strictEqual(forms.messages("not json").saved, "saved");
  assert.strictEqual(forms.format("Åbnet fra “{name}”.", { name: "{form}.json" }), "Åbnet fra “{form}.json”.");
  assert.strictEqual(forms.format("{missing}", {}), "{missing}");
});

test("values that are not text are dropped, row counts are bounded", () => {
  const text = JSON.stringify({ format: "dkk-blanket", version: 1, form: "x",
    values: { a: "ok", b: { evil: true }, c: 5, d: ["x", 1] }, rows: { r: 3, s: -1, t: 9999, u: "2" } });
  const back = forms.parseSaved(text, "x", da);
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
