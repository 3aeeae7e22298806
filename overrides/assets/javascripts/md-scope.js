/* The helpers Material for MkDocs normally defines in an inline <script> (partials/javascripts/base.html),
 * as a file so the site can run under a Content-Security-Policy without 'unsafe-inline'.
 * The scope (base URL) comes from the data-md-scope attribute of this script's tag. */
(function () {
  "use strict";
  var tag = document.currentScript;
  window.__md_scope = new URL(tag.getAttribute("data-md-scope") || ".", location);
  window.__md_hash = function (e) {
    return Array.prototype.reduce.call(e, function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try { storage.setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (err) { /* storage off */ }
  };
})();
