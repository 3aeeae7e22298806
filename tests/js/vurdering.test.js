// The check's verdict logic, run with node's own test runner (no browser needed).
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const { assess } = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "vurdering.js"));

test("nothing ticked gives no result yet", () => {
  assert.strictEqual(assess({ age: null, pros: [], cons: [] }).verdict, "tom");
});

test("outside the age limit is no, whatever else is ticked", () => {
  const r = assess({ age: "uden", pros: ["a", "b", "c"], cons: [] });
  assert.strictEqual(r.verdict, "nej");
  assert.match(r.reason, /18 til 65/);
});

test("a reason against wins over reasons for, and is named", () => {
  const r = assess({ age: "inden", pros: ["a", "b"], cons: ["borgeren siger nej tak"] });
  assert.strictEqual(r.verdict, "nej");
  assert.strictEqual(r.reason, "Fordi borgeren siger nej tak.");
});

test("two or more reasons for give yes with the reasons", () => {
  const r = assess({ age: "inden", pros: ["boligen skal på plads", "arbejde og økonomi skal afklares"], cons: [] });
  assert.strictEqual(r.verdict, "ja");
  assert.strictEqual(r.reason, "2 forhold taler for: boligen skal på plads og arbejde og økonomi skal afklares.");
});

test("one reason for is maybe; a missing age is pointed out", () => {
  const r = assess({ age: null, pros: ["mange aktører er involveret i sagen"], cons: [] });
  assert.strictEqual(r.verdict, "maaske");
  assert.match(r.reason, /Husk at tjekke/);
});

test("age in range and nothing for is no", () => {
  assert.strictEqual(assess({ age: "inden", pros: [], cons: [] }).verdict, "nej");
});
