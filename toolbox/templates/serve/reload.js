/* Sent only by `toolbox serve`, never part of a built site.  Reloads the page after a new build,
 * shows a build's problems over the page, and says which downloads are still being made.
 * It listens to the server's events (/__toolbox/events, same origin): no inline script, no storage. */
(function () {
  "use strict";
  var tag = document.currentScript;
  var shown = Number(tag.getAttribute("data-build"));  // the build this page is from
  var server = null;
  var box = null;

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = "/__toolbox/reload.css";
  document.head.appendChild(css);

  function problems(lines) {
    if (!lines.length) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.className = "tb-serve-problems";
      box.setAttribute("role", "alert");
      var h = document.createElement("h2");
      h.textContent = "Siden kunne ikke bygges";
      var p = document.createElement("p");
      p.textContent = "Ret fejlen herunder og gem filen – så bygges siden igen og opdaterer sig selv. " +
        "Indtil da ser du den sidste udgave, der kunne bygges.";
      var pre = document.createElement("pre");
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Skjul";
      close.addEventListener("click", function () { box.hidden = true; });
      box.append(h, p, pre, close);
      document.body.appendChild(box);
    }
    box.hidden = false;
    box.querySelector("pre").textContent = lines.join("\n");
  }

  function downloads(state) {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var path = new URL(a.href, location.href).pathname.replace(/^\//, "");
      var status = state.downloads[path];
      var note = a.nextElementSibling && a.nextElementSibling.classList.contains("tb-serve-note") ? a.nextElementSibling : null;
      if (status && status !== "ready") {
        if (!note) {
          note = document.createElement("span");
          note.className = "tb-serve-note";
          a.after(note);
        }
        note.textContent = " (" + (status === "failed" ? state.texts.failed : state.texts.making) + ")";
        a.setAttribute("aria-disabled", "true");
      } else {
        if (note) { note.remove(); }
        a.removeAttribute("aria-disabled");
      }
    });
  }

  var events = new EventSource("/__toolbox/events");
  events.onmessage = function (e) {
    var state = JSON.parse(e.data);
    if (server !== null && state.server !== server) { location.reload(); return; }  // a new `toolbox serve`
    server = state.server;
    if (state.build > shown && !state.problems.length) { location.reload(); return; }
    problems(state.problems);
    downloads(state);
    var waiting = document.body.getAttribute("data-tb-waiting");
    if (waiting && state.downloads[waiting] === "ready") { location.reload(); }
  };
})();
