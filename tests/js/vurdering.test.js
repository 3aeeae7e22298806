// The check's logic, run with node's own test runner (no browser needed). The check never says
// "yes" by itself: it groups the ticks by the area they point to and leaves the decision to the
// caseworker's professional judgement.
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const { assess } = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "vurdering.js"));

const BOLIG = { area: "bolig", reason: "boligen skal på plads" };
const FORSOERGELSE = { area: "forsørgelse", reason: "arbejde og økonomi skal afklares" };
const INTERNE = { area: "mange aktører", reason: "flere fagpersoner i forvaltningen skal være med" };
const EKSTERNE = { area: "mange aktører", reason: "flere samarbejdspartnere er med" };

test("nothing ticked gives no result yet", () => {
  assert.strictEqual(assess({ age: null, pros: [], cons: [] }).verdict, "tom");
});

test("outside the age limit is outside the target group, whatever else is ticked", () => {
  const r = assess({ age: "uden", pros: [BOLIG, FORSOERGELSE, INTERNE], cons: [] });
  assert.strictEqual(r.verdict, "uden-for");
  assert.match(r.reason, /18 og 65/);
});

test("a reason against wins over reasons for, and is named", () => {
  const r = assess({ age: "inden", pros: [BOLIG, FORSOERGELSE], cons: ["borgeren siger nej tak"] });
  assert.strictEqual(r.verdict, "nej");
  assert.strictEqual(r.reason, "Fordi borgeren siger nej tak.");
});

test("ticks for never make a yes: they are shown by area and the decision is left open", () => {
  for (const pros of [[BOLIG], [BOLIG, FORSOERGELSE], [BOLIG, FORSOERGELSE, INTERNE, EKSTERNE]]) {
    const r = assess({ age: "inden", pros, cons: [] });
    assert.strictEqual(r.verdict, "vurder");
    assert.strictEqual(r.title, "Din faglige vurdering");
    assert.match(r.reason, /kompleks og tung/);
  }
});

test("two ticks in the same area count as one area, listed with both reasons", () => {
  const r = assess({ age: "inden", pros: [EKSTERNE, BOLIG, INTERNE], cons: [] });
  assert.deepStrictEqual(r.areas, [
    { area: "mange aktører", reasons: [EKSTERNE.reason, INTERNE.reason] },
    { area: "bolig", reasons: [BOLIG.reason] },
  ]);
  assert.match(r.reason, /inden for: mange aktører og bolig\./);
});

test("more ticks give the same kind of answer as one: no count decides", () => {
  const one = assess({ age: "inden", pros: [BOLIG], cons: [] });
  const many = assess({ age: "inden", pros: [BOLIG, FORSOERGELSE, INTERNE], cons: [] });
  assert.strictEqual(one.verdict, many.verdict);
  assert.strictEqual(one.title, many.title);
});

test("a missing age is pointed out", () => {
  const r = assess({ age: null, pros: [INTERNE], cons: [] });
  assert.strictEqual(r.verdict, "vurder");
  assert.match(r.reason, /Husk at tjekke/);
});

test("age in range and nothing for says so, without a verdict", () => {
  const r = assess({ age: "inden", pros: [], cons: [] });
  assert.strictEqual(r.verdict, "ingen");
  assert.deepStrictEqual(r.areas, []);
});
