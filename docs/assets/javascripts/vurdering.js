/* Tjeklisten "Skal borgeren have en koordinerende kontaktperson?": samler krydserne, mens brugeren
 * sætter dem, og viser, hvilke områder de peger på. Der er ingen regel for, hvor mange kryds der skal
 * til; beslutningen er sagsbehandlerens faglige vurdering, og boksen siger det.
 * Uden JavaScript virker siden som en almindelig tjekliste med regler, man læser selv.
 * Ingen netværk, ingen cookies, ingen lagring.
 * The pure function `assess` is exported for node's test runner (tests/js). */
(function (root) {
  "use strict";

  var NOTE = "Krydserne er ikke et pointsystem. Det er din faglige vurdering, der afgør sagen.";
  var QUESTION = "Er borgerens situation samlet så kompleks og tung, at der skal flere fagpersoner og " +
    "instanser til, end borgeren selv kan overskue? Så tilbyd en koordinerende kontaktperson.";
  var AREAS = ["mange aktører", "bolig", "forsørgelse", "behandling", "pårørende"];  // the order they are shown in

  function list(reasons) {
    if (reasons.length <= 1) { return reasons.join(""); }
    return reasons.slice(0, -1).join(", ") + " og " + reasons[reasons.length - 1];
  }

  function sentence(text) {
    return text.charAt(0).toUpperCase() + text.slice(1) + ".";
  }

  /** The ticks for, grouped by the area they point to: each area once, in a fixed order.
   *  pros: [{area, reason}] -> [{area, reasons: [reason]}] */
  function byArea(pros) {
    var groups = [];
    pros.forEach(function (p) {
      var group = groups.filter(function (g) { return g.area === p.area; })[0];
      if (!group) { group = { area: p.area, reasons: [] }; groups.push(group); }
      if (group.reasons.indexOf(p.reason) < 0) { group.reasons.push(p.reason); }
    });
    var rank = function (area) { var i = AREAS.indexOf(area); return i < 0 ? AREAS.length : i; };
    return groups.sort(function (a, b) { return rank(a.area) - rank(b.area); });
  }

  /** state: {age: "inden" | "uden" | null, pros: [{area, reason}], cons: [reason]}
   *  returns {verdict: "tom" | "uden-for" | "nej" | "ingen" | "vurder", title, reason, areas: [{area, reasons}]}
   *  No verdict is ever "yes": the ticks are shown by area, and the decision is left to the caseworker. */
  function assess(state) {
    var pros = state.pros || [], cons = state.cons || [];
    var areas = byArea(pros);
    if (state.age === "uden") {
      return { verdict: "uden-for", title: "Uden for målgruppen", areas: [],
        reason: "Borgeren skal være mellem 18 og 65 år. Under 18 år hører til børne- og ungeområdet, over 65 år til ældreområdet." };
    }
    if (cons.length) {
      return { verdict: "nej", title: "Som udgangspunkt nej", areas: areas,
        reason: sentence("Fordi " + list(cons)) };
    }
    if (!pros.length && !state.age) {
      return { verdict: "tom", title: "Intet resultat endnu", areas: [],
        reason: "Sæt kryds i tjeklisten for at se, hvad krydserne peger på." };
    }
    var ageNote = state.age ? "" : " Husk at tjekke, at borgeren er mellem 18 og 65 år.";
    if (!pros.length) {
      return { verdict: "ingen", title: "Intet tegn på behov endnu", areas: [],
        reason: "Du har ikke sat kryds ved noget, der peger på behov for koordinering." };
    }
    return { verdict: "vurder", title: "Din faglige vurdering", areas: areas,
      reason: "Krydserne peger på behov for koordinering inden for: " +
        list(areas.map(function (a) { return a.area; })) + ". " + QUESTION + ageNote };
  }

  function read(form) {
    var state = { age: null, pros: [], cons: [] };
    Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) {
      if (!input.checked) { return; }
      if (input.name === "alder") { state.age = input.value; }
      if (input.name === "for") {
        state.pros.push({ area: input.getAttribute("data-area"), reason: input.getAttribute("data-reason") });
      }
      if (input.name === "imod") { state.cons.push(input.getAttribute("data-reason")); }
    });
    return state;
  }

  function show(box, result) {
    var doc = box.ownerDocument;
    box.setAttribute("data-verdict", result.verdict);
    box.textContent = "";
    var title = doc.createElement("p");
    var strong = doc.createElement("strong");
    strong.textContent = "Foreløbigt overblik: " + result.title;
    title.appendChild(strong);
    var reason = doc.createElement("p");
    reason.textContent = result.reason;
    box.appendChild(title);
    box.appendChild(reason);
    if (result.areas.length) {
      var ul = doc.createElement("ul");
      result.areas.forEach(function (a) {
        var li = doc.createElement("li");
        li.textContent = sentence(a.area.charAt(0).toUpperCase() + a.area.slice(1) + ": " + list(a.reasons));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    var note = doc.createElement("p");
    note.className = "tb-hint";
    note.textContent = NOTE;
    box.appendChild(note);
  }

  function init(doc) {
    Array.prototype.forEach.call(doc.querySelectorAll("form[data-vurdering]"), function (form) {
      if (form.getAttribute("data-ready")) { return; }
      form.setAttribute("data-ready", "1");
      var box = form.querySelector("[role=status]");
      if (!box) { return; }
      box.hidden = false;
      var update = function () { show(box, assess(read(form))); };
      form.addEventListener("change", update);
      form.addEventListener("reset", function () { setTimeout(update, 0); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      update();
    });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { assess: assess };
  }
  if (root && root.document) {
    if (root.document$ && root.document$.subscribe) {
      root.document$.subscribe(function () { init(root.document); });  // Material's instant loading
    } else if (root.document.readyState === "loading") {
      root.document.addEventListener("DOMContentLoaded", function () { init(root.document); });
    } else {
      init(root.document);
    }
  }
})(typeof window !== "undefined" ? window : null);
