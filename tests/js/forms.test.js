// The form script's core (file format, opening old files, checks, dates), run with node's own test
// runner (no browser needed). The browser suite (tests/browser) drives the same code in the real page.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const core = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "forms-core.js"));
// The messages and rules the pages carry (from toolbox/messages.py and toolbox/rules.py, passed in by
// tests/test_forms_js.py), so the tests use the page's own texts and patterns.
const MESSAGES = JSON.parse(process.env.DKK_MESSAGES || "{}");
const RULES = JSON.parse(process.env.DKK_RULES || "{}");
const da = core.messages(JSON.stringify(MESSAGES.da));
const en = core.messages(JSON.stringify(MESSAGES.en));
const V1 = path.join(__dirname, "..", "fixtures", "saved", "v1");

const entries = [
  { name: "borger.navn", type: "text", kind: "text", value: "Anna Test" },
  { name: "borger.tom", type: "text", kind: "text", value: "" },
  { name: "borger.dato", type: "text", kind: "date", value: "3.2.2026" },
  { name: "moede.type", type: "radio", value: "opstart", checked: false },
  { name: "moede.type", type: "radio", value: "opfoelgning", checked: true },
  { name: "s.enig", type: "checkbox", value: "ja", checked: true },
  { name: "s.nej", type: "checkbox", value: "ja", checked: false },
  { name: "s.flere", type: "checkbox", value: "a", checked: true, multi: true },
  { name: "s.flere", type: "checkbox", value: "b", checked: false, multi: true },
  { name: "s.flere", type: "checkbox", value: "c", checked: true, multi: true },
  { name: "", type: "button", value: "x" },
];

test("collect keeps filled values only, a date as åååå-mm-dd", () => {
  assert.deepStrictEqual(core.collect(entries), {
    "borger.navn": "Anna Test",
    "borger.dato": "2026-02-03",
    "moede.type": "opfoelgning",
    "s.enig": "ja",
    "s.flere": ["a", "c"],
  });
});

test("dates are typed in Danish order and saved as ISO; what cannot be read is kept as typed", () => {
  for (const typed of ["23.11.2026", "23-11-2026", "23/11/2026", "23 11 2026", "23112026", "2026-11-23", " 23.11.2026 "]) {
    assert.strictEqual(core.toIsoDate(typed), "2026-11-23", typed);
  }
  assert.strictEqual(core.toIsoDate("23.11.26"), null);
  assert.strictEqual(core.savedValue("date", "i morgen"), "i morgen");
  assert.strictEqual(core.fromIsoDate("2026-11-23"), "23.11.2026");
  assert.strictEqual(core.fromIsoDate("i morgen"), "i morgen");
});

test("a saved file reads back to the same values, rows, kept values and form version", () => {
  const values = core.collect(entries);
  const kept = { "gammel.felt": "x" };
  const saved = JSON.stringify(core.serialize("netvaerkskort", values, { "a.b.andre": 3 }, new Date(Date.UTC(2026, 10, 23)), kept, "abc123"));
  const back = core.parseSaved(saved, "netvaerkskort", da);
  assert.strictEqual(back.ok, true);
  assert.deepStrictEqual({ ...back.data.values }, values);
  assert.deepStrictEqual({ ...back.data.rows }, { "a.b.andre": 3 });
  assert.deepStrictEqual({ ...back.data.kept }, kept);
  assert.strictEqual(back.data.saved, "2026-11-23T00:00:00.000Z");
  assert.strictEqual(back.data.version, 2);
  assert.strictEqual(back.data.formVersion, "abc123");
  assert.strictEqual(JSON.parse(saved).version, core.VERSION);
});

test("every file saved by version 1 (tests/fixtures/saved/v1) opens with all its values", () => {
  const files = fs.readdirSync(V1).filter((f) => f.endsWith(".json"));
  assert.ok(files.length >= 3);
  for (const f of files) {
    const text = fs.readFileSync(path.join(V1, f), "utf-8");
    const raw = JSON.parse(text);
    assert.strictEqual(raw.version, 1, f);
    const back = core.parseSaved(text, raw.form, da);
    assert.strictEqual(back.ok, true, f);
    assert.deepStrictEqual({ ...back.data.values }, raw.values, f);
    assert.deepStrictEqual({ ...back.data.rows }, raw.rows, f);
    assert.deepStrictEqual({ ...back.data.kept }, {}, f);
  }
});

test("files for another form, other formats, newer versions and broken JSON are refused in Danish", () => {
  const other = JSON.stringify(core.serialize("udrettedagsorden", {}, {}));
  const refused = core.parseSaved(other, "netvaerkskort", da);
  assert.match(refused.error, /hører til blanketten “udrettedagsorden”/);
  assert.strictEqual(refused.form, "udrettedagsorden");
  assert.match(core.parseSaved("{not json", "x", da).error, /kunne ikke læses/);
  assert.match(core.parseSaved('{"a": 1}', "x", da).error, /ikke en gemt blanket/);
  const future = JSON.stringify(Object.assign(core.serialize("x", {}, {}), { version: 99 }));
  assert.match(core.parseSaved(future, "x", da).error, /version, som denne side ikke kender/);
});

test("the same refusals in English on an English page", () => {
  const other = JSON.stringify(core.serialize("udrettedagsorden", {}, {}));
  assert.strictEqual(core.parseSaved(other, "pjece-borger-en", en).error,
    "The file belongs to the form “udrettedagsorden”, not to this form.");
  assert.match(core.parseSaved("{not json", "x", en).error, /^The file could not be read\./);
  assert.match(core.parseSaved('{"a": 1}', "x", en).error, /^The file is not a form saved/);
});

test("hostile files (prototype keys, deep nesting, huge) get one message and give nothing", () => {
  const base = { format: "dkk-blanket", version: 1, form: "x", rows: {}, values: { a: "1" } };
  for (const key of ["__proto__", "constructor", "prototype"]) {
    const text = JSON.stringify(base).replace('"values":{', `"values":{"${key}":{"polluted":"ja"},`);
    const back = core.parseSaved(text, "x", da);
    assert.strictEqual(back.ok, false, key);
    assert.strictEqual(back.error, da.hostile, key);
  }
  assert.strictEqual({}.polluted, undefined);
  const deep = '{"format":"dkk-blanket","version":1,"form":"x","values":' + "[".repeat(100000) + "]".repeat(100000) + "}";
  assert.strictEqual(core.parseSaved(deep, "x", da).error, da.hostile);
  const huge = JSON.stringify(Object.assign({}, base, { values: { a: "x".repeat(core.MAX_BYTES) } }));
  assert.strictEqual(core.parseSaved(huge, "x", da).error, da.too_large);
  // a value that is neither text nor a list of texts: not a saved form, nothing is taken
  const odd = JSON.stringify(Object.assign({}, base, { values: { a: "ok", b: { evil: true } } }));
  assert.strictEqual(core.parseSaved(odd, "x", da).error, da.not_saved);
  assert.strictEqual(core.depth('{"a": "[[[[[[[[[[[[[[[[[["}'), 1, "brackets inside strings do not count");
});

test("row counts are bounded, and a block gets a row for every numbered value", () => {
  const text = JSON.stringify({ format: "dkk-blanket", version: 1, form: "x", values: { a: "ok" },
    rows: { r: 3, s: -1, t: 9999, u: "2" } });
  assert.deepStrictEqual({ ...core.parseSaved(text, "x", da).data.rows }, { r: 3, u: 2 });
  assert.strictEqual(core.rowsNeeded("t.b", 1, { "t.b.4.navn": "x", "t.bb.9.navn": "y", "t.b.label": "z" }), 5);
  assert.strictEqual(core.rowsNeeded("t.b", 2, {}), 2);
});

test("values the page could not show are kept: unknown names, unknown choices, rows beyond the maximum", () => {
  const want = { "a.navn": "Anna", "a.gammel": "x", "a.valg": "fjernet", "a.flere": ["a", "z"], "a.dato": "2026-02-03", "a.tom": "" };
  const placed = { "a.navn": "Anna", "a.flere": ["a"], "a.dato": "2026-02-03" };
  const kinds = { "a.navn": "text", "a.valg": "choice", "a.flere": "multichoice", "a.dato": "date" };
  assert.deepStrictEqual({ ...core.unplaced(want, placed, kinds) }, { "a.gammel": "x", "a.valg": "fjernet", "a.flere": ["z"] });
  // a date saved as typed ("3.2.2026") is the same date the page now saves as ISO
  assert.deepStrictEqual({ ...core.unplaced({ "a.dato": "3.2.2026" }, { "a.dato": "2026-02-03" }, kinds) }, {});
  // kept values of an earlier open are merged in unless the file holds a value of its own
  const data = { values: { x: "1" }, kept: { x: "old", y: "2" } };
  assert.deepStrictEqual({ ...core.wanted(data) }, { x: "1", y: "2" });
});

test("checks come from the rules the page is given, and say what is wrong in Danish", () => {
  assert.ok(RULES.cpr && RULES.cpr.pattern, "the rules from toolbox/rules.py");
  const c = (kind, value, extra) => core.check(Object.assign({ kind, label: "Felt", value }, extra || {}), RULES, da);
  assert.strictEqual(c("cpr", "010190-1234"), null);
  assert.strictEqual(c("cpr", "0101901234"), null);
  assert.match(c("cpr", "01019-1234"), /^Felt: Skriv 10 cifre/);
  assert.match(c("cpr", "310290-1234"), /^Felt: Skriv 10 cifre/, "no 31 February");
  assert.strictEqual(c("cpr", "290200-1234"), null, "2000 was a leap year");
  assert.match(c("email", "ikke-en-mail"), /e-mailadresse/);
  assert.strictEqual(c("email", "navn@kommune.dk"), null);
  assert.strictEqual(c("tel", "12 34 56 78"), null);
  assert.strictEqual(c("tel", "+45 12345678"), null);
  assert.match(c("tel", "1234"), /8 cifre/);
  assert.strictEqual(c("date", "2026-11-23"), null);
  assert.match(c("date", "2026-02-30"), /dd\.mm\.åååå/);
  assert.match(c("date", "i morgen"), /dd\.mm\.åååå/);
  assert.strictEqual(c("number", "5", { min: "0", max: "10" }), null);
  assert.match(c("number", "11", { min: "0", max: "10" }), /10 eller mindre/);
  assert.match(c("number", "-1", { min: "0", max: "10" }), /0 eller mere/);
  assert.match(c("number", "tre"), /helt tal/);
  assert.strictEqual(c("text", "", { required: true }), "Felt mangler.");
  assert.strictEqual(c("yesno", [], { required: true }), "Felt mangler.");
  assert.strictEqual(c("text", ""), null, "an empty field that is not required is fine");
  const all = core.checkAll([{ id: "a", kind: "cpr", label: "Cpr", value: "1" }, { id: "b", kind: "text", label: "Navn", value: "x" }], RULES, da);
  assert.deepStrictEqual(all.map((p) => p.id), ["a"]);
});

test("every message the script uses is on the pages, in Danish and in English", () => {
  for (const lang of ["da", "en"]) {
    assert.deepStrictEqual(Object.keys(MESSAGES[lang] || {}).sort(), core.KEYS.slice().sort(), lang);
    for (const key of core.KEYS) {
      assert.notStrictEqual(core.messages(JSON.stringify(MESSAGES[lang]))[key], key, `${lang}: ${key}`);
    }
  }
  assert.notStrictEqual(MESSAGES.da.saved, MESSAGES.en.saved);
});

test("a page without messages shows the keys, and placeholders are filled once", () => {
  assert.strictEqual(core.messages("not json").saved, "saved");
  assert.strictEqual(core.format("Åbnet fra “{name}”.", { name: "{form}.json" }), "Åbnet fra “{form}.json”.");
  assert.strictEqual(core.format("{missing}", {}), "{missing}");
});

test("file names carry the form and the date", () => {
  assert.strictEqual(core.fileName("netvaerkskort", new Date(2026, 0, 5)), "netvaerkskort-2026-01-05.json");
  assert.strictEqual(core.fileName("netvaerkskort", new Date(2026, 0, 5), ".pdf"), "netvaerkskort-2026-01-05.pdf");
});

test("renumber rewrites names, ids and the shown row number", () => {
  const tpl = '<input name="d.p.emner.__N__.maal" id="d--p--emner--__N__--maal"><label>Emne __M__</label>';
  assert.strictEqual(core.renumber(tpl, "d.p.emner", 4, 5),
    '<input name="d.p.emner.4.maal" id="d--p--emner--4--maal"><label>Emne 5</label>');
  const row2 = '<input name="d.p.emner.2.maal" id="d--p--emner--2--maal">';
  assert.strictEqual(core.renumber(row2, "d.p.emner", 1, 2), '<input name="d.p.emner.1.maal" id="d--p--emner--1--maal">');
});
