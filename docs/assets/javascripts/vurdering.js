/* Tjeklisten "Skal borgeren have en koordinerende kontaktperson?": viser et foreløbigt
 * resultat med en kort begrundelse, mens brugeren sætter kryds.
 * Uden JavaScript virker siden som en almindelig tjekliste med regler, man læser selv.
 * Ingen netværk, ingen cookies, ingen lagring.
 * The pure function `assess` is exported for node's test runner (tests/js). */
(function (root) {
  "use strict";

  var NOTE = "Resultatet er vejledende. Det er din faglige vurdering, der afgør sagen.";

  function list(reasons) {
    if (reasons.length <= 1) { return reasons.join(""); }
    return reasons.slice(0, -1).join(", ") + " og " + reasons[reasons.length - 1];
  }

  function sentence(text) {
    return text.charAt(0).toUpperCase() + text.slice(1) + ".";
  }

  /** state: {age: "inden" | "uden" | null, pros: [reason], cons: [reason]}
   *  returns {verdict: "tom" | "nej" | "maaske" | "ja", title, reason} */
  function assess(state) {
    var pros = state.pros || [], cons = state.cons || [];
    if (state.age === "uden") {
      return { verdict: "nej", title: "Nej",
        reason: "Borgeren er uden for aldersgrænsen på 18 til 65 år. Under 18 år hører til børne- og ungeområdet, over 65 år til ældreområdet." };
    }
    if (cons.length) {
      return { verdict: "nej", title: "Som udgangspunkt nej",
        reason: sentence("Fordi " + list(cons)) };
    }
    if (!pros.length && !state.age) {
      return { verdict: "tom", title: "Intet resultat endnu",
        reason: "Sæt kryds i tjeklisten for at se et foreløbigt resultat." };
    }
    var ageNote = state.age ? "" : " Husk at tjekke, at borgeren er mellem 18 og 65 år.";
    if (pros.length >= 2) {
      return { verdict: "ja", title: "Ja, tilbyd en koordinerende kontaktperson",
        reason: pros.length + " forhold taler for: " + list(pros) + "." + ageNote };
    }
    if (pros.length === 1) {
      return { verdict: "maaske", title: "Måske",
        reason: "Kun ét forhold taler for: " + pros[0] + ". Se på, hvor tung sagen er, og drøft den gerne med din tovholder." + ageNote };
    }
    return { verdict: "nej", title: "Nej, sandsynligvis ikke",
      reason: "Intet forhold taler for en koordinerende kontaktperson. Borgeren får almindelig sagsbehandling." };
  }

  function read(form) {
    var state = { age: null, pros: [], cons: [] };
    Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) {
      if (!input.checked) { return; }
      if (input.name === "alder") { state.age = input.value; }
      if (input.name === "for") { state.pros.push(input.getAttribute("data-reason")); }
      if (input.name === "imod") { state.cons.push(input.getAttribute("data-reason")); }
    });
    return state;
  }

  function show(box, result) {
    box.setAttribute("data-verdict", result.verdict);
    box.textContent = "";
    var title = box.ownerDocument.createElement("p");
    var strong = box.ownerDocument.createElement("strong");
    strong.textContent = "Foreløbigt resultat: " + result.title;
    title.appendChild(strong);
    var reason = box.ownerDocument.createElement("p");
    reason.textContent = result.reason;
    var note = box.ownerDocument.createElement("p");
    note.className = "tb-hint";
    note.textContent = NOTE;
    box.appendChild(title);
    box.appendChild(reason);
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
