/* Slides (kursus/slides/): the left and right arrow keys move between slides.
 * Without JavaScript the page is a plain list of slides. Nothing is loaded, stored or sent. */
(function () {
  "use strict";

  function setup() {
    var slides = Array.prototype.slice.call(document.querySelectorAll(".tb-slide"));
    if (!slides.length) { return; }
    slides.forEach(function (s) { s.setAttribute("tabindex", "-1"); });

    function current() {
      var active = document.activeElement && document.activeElement.closest
        ? document.activeElement.closest(".tb-slide") : null;
      if (active) { return slides.indexOf(active); }
      for (var i = 0; i < slides.length; i++) {
        if (slides[i].getBoundingClientRect().bottom > 80) { return i; }
      }
      return slides.length - 1;
    }

    function go(step) {
      var n = Math.max(0, Math.min(slides.length - 1, current() + step));
      slides[n].scrollIntoView({ block: "start" });
      slides[n].focus({ preventScroll: true });
    }

    document.addEventListener("keydown", function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
      var t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
      if (ev.key === "ArrowRight") { go(1); ev.preventDefault(); }
      else if (ev.key === "ArrowLeft") { go(-1); ev.preventDefault(); }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();
