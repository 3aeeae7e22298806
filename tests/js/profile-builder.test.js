// The builder's part without the DOM (profile-builder.js): YAML out, a profile back into the form's values,
// kept values, the checks. The spec is the page's own, derived from the profile model by
// toolbox/render/profile_builder.py and passed in by tests/test_profile_builder.py (DKK_BUILDER).
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const pb = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "profile-builder.js"));
const jsyaml = require(path.join(__dirname, "..", "..", "node_modules", "js-yaml"));
const { spec: SPEC, messages: MSG } = JSON.parse(process.env.DKK_BUILDER || "{}");

// The whole profile of tests/test_profile_builder.py, with a name YAML must quote, a colour, and
// forms and sections chosen.
const VALUES = Object.assign(JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "builder", "values.json"), "utf8")), {
  "kommunen.name": "Ærø: Kommune # 1",
  "udseende.colors-primary": "#1f4e79",
  "blanketter.forms": ["netvaerkskort", "udrettedagsorden"],
  "afsnit.udrettedagsorden": ["invitation"],
});

test("the profile follows the model's order; empty fields, rows and groups are left out", () => {
  const values = Object.assign({}, VALUES, {
    "kontakt.contact-units.enhed.1.label": "  ", // an empty row in the middle
    "kontakt.contact-units.enhed.2.label": "Enhed Syd",
    "kontakt.contact-units.enhed.2.email": "syd@aeroe.example",
    "udseende.colors-accent": "",
  });
  const profile = pb.profileFrom(SPEC, values);
  assert.deepStrictEqual(Object.keys(profile), ["name", "web", "contact_units", "consent", "data_controller",
    "data_protection_officer", "colors", "forms", "omit_sections"]);
  assert.deepStrictEqual(profile.contact_units.map((u) => u.name), ["Enhed Nord", "Enhed Syd"]);
  assert.strictEqual(profile.consent.months, 9, "a whole number is written as a number");
  assert.deepStrictEqual(profile.colors, { primary: "#1f4e79" });
  assert.deepStrictEqual(profile.omit_sections, { udrettedagsorden: ["invitation"] });
});

test("texts are double-quoted and escaped; keys stay plain", () => {
  assert.strictEqual(pb.yamlString('Ærø: "K" # 1 \\'), '"Ærø: \\"K\\" # 1 \\\\"');
  assert.strictEqual(pb.yamlString("a\tb\nc\u0085d\u2028e\u2029f\ufeffg\u007f\u0000"),
                     '"a\\tb\\nc\\u0085d\\u2028e\\u2029f\\ufeffg\\u007f\\u0000"');
  assert.strictEqual(pb.yamlString("\ud800x\ud83c\udf89"), '"\\ud800x\ud83c\udf89"', "a lone surrogate escaped, a pair kept");
  assert.strictEqual(pb.dump({ a: [], b: {}, "c d": [{ x: 1, y: [true, null] }] }),
                     'a: []\nb: {}\n"c d":\n  - x: 1\n    y:\n      - true\n      - null\n');
});

test("a saved profile opens with every value back in its field", () => {
  const yaml = pb.profileYaml(SPEC, VALUES, []);
  const back = pb.valuesFrom(SPEC, jsyaml.load(yaml, { schema: jsyaml.YAML11_SCHEMA }));
  const want = Object.assign({}, VALUES);
  delete want["fil.id"]; // the name is the file's
  assert.deepStrictEqual(back.values, want);
  assert.deepStrictEqual(back.kept, []);
  assert.deepStrictEqual(back.rows, { "kontakt.contact-units.enhed": 1 });
});

test("what the page has no field for is kept where it was and written back", () => {
  const data = jsyaml.load(pb.profileYaml(SPEC, VALUES, []), { schema: jsyaml.YAML11_SCHEMA });
  data.fax = "11 22 33 99";
  data.contact_units[0].skype = "nord";
  data.omit_sections["gammel-blanket"] = ["a"];
  data.omit_sections.udrettedagsorden.push("gammelt-afsnit"); // the page's field lacks this choice
  data.consent.months = [1, 2];
  const back = pb.valuesFrom(SPEC, data);
  assert.deepStrictEqual(back.kept.map((k) => k.path.join(".")).sort(),
                         ["consent.months", "contact_units.0.skype", "fax", "omit_sections.gammel-blanket"]);
  // what forms.js could not tick comes back as unplaced; it is kept with its place in the file
  const kept = back.kept.concat(pb.keptFromUnplaced({ "afsnit.udrettedagsorden": ["gammelt-afsnit"] }, back.paths));
  const again = jsyaml.load(pb.profileYaml(SPEC, back.values, kept), { schema: jsyaml.YAML11_SCHEMA });
  assert.strictEqual(again.fax, "11 22 33 99");
  assert.strictEqual(again.contact_units[0].skype, "nord");
  assert.deepStrictEqual(again.omit_sections, { udrettedagsorden: ["invitation", "gammelt-afsnit"], "gammel-blanket": ["a"] });
  assert.deepStrictEqual(again.consent.months, [1, 2]);
});

test("kept values of a row beyond the list stay together in one row", () => {
  const obj = { contact_units: [{ name: "A" }] };
  const moved = {};
  pb.putBack(obj, ["contact_units", 7, "name"], "H", moved);
  pb.putBack(obj, ["contact_units", 7, "email"], "h@x.example", moved);
  assert.deepStrictEqual(obj.contact_units, [{ name: "A" }, { name: "H", email: "h@x.example" }]);
});

test("hostile and huge documents are refused; the name comes from the file's", () => {
  assert.strictEqual(pb.refusal(JSON.parse('{"name": "x", "__proto__": {"a": 1}}')), "not_profile");
  const wide = { list: new Array(250000).fill("x") };
  assert.strictEqual(pb.refusal(wide), "too_large");
  assert.strictEqual(pb.refusal({ name: "x", contact_units: [{ name: "y" }] }), null);
  assert.strictEqual(pb.idFromFileName("aeroe-kommune.yml"), "aeroe-kommune");
  assert.strictEqual(pb.idFromFileName("aeroe-kommune (2).yaml"), "aeroe-kommune");
});

test("the checks name each field that validate would refuse", () => {
  const bad = Object.assign({}, VALUES, {
    "kommunen.name": "",
    "kontakt.contact-units.enhed.0.email": "ikke en mail",
    "samtykke.consent-months": "13",
    "udseende.colors-primary": "#aaaaaa",
    "afsnit.udrettedagsorden": ["invitation"],
    "blanketter.forms": ["netvaerkskort"],
  });
  const found = pb.checks(SPEC, bad, MSG);
  assert.deepStrictEqual(found.map((p) => p.name), ["kommunen.name", "kontakt.contact-units.enhed.0.email",
    "samtykke.consent-months", "udseende.colors-primary", "afsnit.udrettedagsorden"]);
  assert.match(found[3].message, /2,32:1/);
  assert.deepStrictEqual(pb.checks(SPEC, VALUES, MSG), []);
});
