/* Slides (kursus/slides/): the arrow keys move between slides, and a presenter view for the trainer
 * shows one slide at a time with its notes beside it.
 *
 * Without JavaScript the page is a plain list of slides, each with its notes folded in a <details>.
 * With it, the button "Visning for underviseren" (aria-pressed) turns the presenter view on and off;
 * in it, Right/Left arrow, Page Down/Up and Home/End move between slides, and Esc leaves it.  Only
 * classes and the hidden attribute change (the site's CSP allows no inline style or script).
 * Nothing is loaded, stored or sent. */
(function () {
  "use strict";

  function setup() {
    var slides = Array.prototype.slice.call(document.querySelectorAll(".tb-slide"));
    if (!slides.length) { return; }
    var deck = slides[0].closest(".tb-slides") || document.body;
    var bar = deck.querySelector(".tb-presenter-bar");
    var toggle = bar ? bar.querySelector(".tb-presenter-toggle") : null;
    var status = bar ? bar.querySelector(".tb-presenter-status") : null;
    var presenting = false;
    var shown = 0;
    var notesWereOpen = [];
    slides.forEach(function (s) { s.setAttribute("tabindex", "-1"); });

    function current() {
      if (presenting) { return shown; }
      var active = document.activeElement && document.activeElement.closest
        ? document.activeElement.closest(".tb-slide") : null;
      if (active) { return slides.indexOf(active); }
      for (var i = 0; i < slides.length; i++) {
        if (slides[i].getBoundingClientRect().bottom > 80) { return i; }
      }
      return slides.length - 1;
    }

    function say(n) {
      if (!status) { return; }
      var heading = slides[n].querySelector("h2");
      status.textContent = "Dias " + (n + 1) + " af " + slides.length + (heading ? ": " + heading.textContent.trim() : "");
    }

    function show(n) {
      n = Math.max(0, Math.min(slides.length - 1, n));
      if (presenting) {
        slides[shown].classList.remove("tb-current");
        shown = n;
        slides[n].classList.add("tb-current");
        say(n);
      }
      slides[n].scrollIntoView({ block: "start" });
      slides[n].focus({ preventScroll: true });
    }

    function present(on) {
      var start = current();
      presenting = on;
      deck.classList.toggle("tb-presenting", on);
      if (toggle) { toggle.setAttribute("aria-pressed", on ? "true" : "false"); }
      slides.forEach(function (s, i) {
        var notes = s.querySelector("details.tb-notes");
        if (!notes) { return; }
        if (on) { notesWereOpen[i] = notes.open; notes.open = true; }
        else { notes.open = !!notesWereOpen[i]; }
      });
      slides.forEach(function (s) { s.classList.remove("tb-current"); });
      if (on) {
        shown = start;
        slides[start].classList.add("tb-current");
        say(start);
        slides[start].focus({ preventScroll: true });
        slides[start].scrollIntoView({ block: "start" });
      } else {
        if (status) { status.textContent = "Alle dias vises igen."; }
        slides[start].scrollIntoView({ block: "start" });
        if (toggle) { toggle.focus({ preventScroll: true }); }
      }
    }

    if (bar && toggle) {
      bar.hidden = false;
      toggle.addEventListener("click", function () { present(!presenting); });
    }

    document.addEventListener("keydown", function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
      var t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
      var here = current();
      if (ev.key === "ArrowRight" || (presenting && ev.key === "PageDown")) { show(here + 1); }
      else if (ev.key === "ArrowLeft" || (presenting && ev.key === "PageUp")) { show(here - 1); }
      else if (presenting && ev.key === "Home") { show(0); }
      else if (presenting && ev.key === "End") { show(slides.length - 1); }
      else if (presenting && ev.key === "Escape") { present(false); }
      else { return; }
      ev.preventDefault();
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();
