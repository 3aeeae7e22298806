/* Blanketter i browseren: rækker, gem/åbn som fil eller PDF, tjek ved gem, udskriv, ryd.
 * Ingen netværk ud af huset, ingen cookies, ingen lagring: data forlader kun siden, når brugeren gemmer en fil.
 * The file format, the checks and the dates are in forms-core.js (loaded before this file); the PDF in
 * forms-pdf.js, which is loaded with its library only when "Gem som PDF" is pressed or a PDF is opened;
 * the network map's drawing in ecomap.js, loaded on the pages that have one. */
(function (root) {
  "use strict";

  var core = root.DKKFormsCore;
  if (!core || typeof document === "undefined") { return; }

  var MAX_PDF_BYTES = 20 * 1024 * 1024;
  // The site's root, from this script's own address (the same on the web and in the offline copy).
  var script = document.currentScript;
  var SITE_ROOT = script && script.src ? script.src.replace(/assets\/javascripts\/forms\.js(\?.*)?$/, "") : "";
  var PDF_SCRIPTS = ["assets/javascripts/vendor/pdf-lib.min.js", "assets/javascripts/vendor/fontkit.min.js",
                     "assets/javascripts/forms-fonts.js", "assets/javascripts/forms-pdf.js"];
  var ECOMAP_SCRIPT = "assets/javascripts/ecomap.js";
  var dirtyPages = [];
  var apis = []; // {page, api}: see the end of setup

  // ---- the page's controls -----------------------------------------------------------------

  function inTemplate(el) { return !!el.closest("template"); }

  function controls(form) {
    return Array.prototype.filter.call(form.elements, function (el) { return el.name && !inTemplate(el); });
  }

  function entriesOf(form) {
    return controls(form).map(function (el) {
      var multi = el.type === "checkbox" && !!el.closest("[data-kind=multichoice]");
      return { name: el.name, type: el.type, kind: el.getAttribute("data-kind"), value: el.value,
               checked: el.checked, multi: multi };
    });
  }

  function kindsOf(form) {
    var kinds = {};
    controls(form).forEach(function (el) { kinds[el.name] = el.getAttribute("data-kind") || el.type; });
    return kinds;
  }

  function labelText(el) {
    var label = el.id ? el.ownerDocument.querySelector('label[for="' + el.id + '"]') : null;
    return label ? label.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /** A control's label as the summary and the notice say it: its title, which is the Danish label
   * (for an option "label: option", so the option is taken off). */
  function labelOf(el) {
    var title = el.getAttribute("title") || el.name;
    if (el.type === "radio" || (el.type === "checkbox" && el.closest("[data-kind=multichoice]"))) {
      var option = labelText(el);
      if (option && title.slice(-(option.length + 2)) === ": " + option) { return title.slice(0, -(option.length + 2)); }
    }
    return title;
  }

  /** One entry per field for the checks: a group of options is one field, linked by its first option's id. */
  function checkControls(form) {
    var out = [];
    var groups = {};
    controls(form).forEach(function (el) {
      if (el.closest("section[hidden]")) { return; } // a module not chosen: not checked (its values stay)
      var group = el.closest("fieldset[data-name]");
      if (group && (el.type === "radio" || el.type === "checkbox")) {
        var name = group.getAttribute("data-name");
        if (!groups[name]) {
          groups[name] = { id: el.id, name: name, kind: group.getAttribute("data-kind"), label: labelOf(el),
                           value: [], required: group.getAttribute("data-required") === "true", el: group };
          out.push(groups[name]);
        }
        if (el.checked) { groups[name].value.push(el.value); }
        return;
      }
      var kind = el.getAttribute("data-kind") || el.type;
      var value = el.type === "checkbox" ? (el.checked ? el.value : "") : core.savedValue(kind, el.value);
      out.push({ id: el.id, name: el.name, kind: kind, label: labelOf(el), value: value, required: el.required,
                 min: el.getAttribute("min"), max: el.getAttribute("max"), el: el });
    });
    return out;
  }

  function blocks(form) {
    return Array.prototype.slice.call(form.querySelectorAll("tbody.tb-repeat"));
  }

  function addTemplate(form, block) {
    var tbody = form.querySelector('tbody.tb-repeat[data-block="' + block + '"]');
    var btn = form.querySelector('button.tb-add[data-block="' + block + '"]');
    return { tbody: tbody, tpl: btn ? btn.parentNode.querySelector("template") : null };
  }

  function rowCount(tbody) {
    return tbody.querySelectorAll("tr.tb-repeat-row").length;
  }

  function addRow(form, block, focus) {
    var parts = addTemplate(form, block);
    if (!parts.tbody || !parts.tpl) { return null; }
    var max = Number(parts.tbody.getAttribute("data-max"));
    var n = rowCount(parts.tbody);
    if (n >= max) { return null; }
    var wrapper = document.createElement("tbody");
    wrapper.innerHTML = core.renumber(parts.tpl.innerHTML, block, n, n + 1);
    var tr = wrapper.querySelector("tr");
    parts.tbody.appendChild(tr);
    if (focus) { tr.querySelector("input, textarea").focus(); }
    return tr;
  }

  /** After a removal: rebuild the block's rows from the template so names and labels count 1, 2, 3 … again. */
  function relabel(form, tbody) {
    var block = tbody.getAttribute("data-block");
    var kept = Array.prototype.map.call(tbody.querySelectorAll("tr.tb-repeat-row"), function (tr) {
      return Array.prototype.map.call(tr.querySelectorAll("input, textarea"), function (el) {
        return { value: el.value, checked: el.checked };
      });
    });
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    kept.forEach(function (values) {
      var tr = addRow(form, block, false);
      Array.prototype.forEach.call(tr.querySelectorAll("input, textarea"), function (el, k) {
        el.value = values[k].value;
        el.checked = values[k].checked;
      });
    });
  }

  function setRows(form, block, count) {
    var tbody = form.querySelector('tbody.tb-repeat[data-block="' + block + '"]');
    if (!tbody) { return; }
    while (rowCount(tbody) > count) { tbody.removeChild(tbody.lastElementChild); }
    while (rowCount(tbody) < count && addRow(form, block, false)) { /* add */ }
  }

  function rowsOf(form) {
    var rows = {};
    blocks(form).forEach(function (tb) { rows[tb.getAttribute("data-block")] = rowCount(tb); });
    return rows;
  }

  function fill(form, values) {
    controls(form).forEach(function (el) {
      var v = Object.prototype.hasOwnProperty.call(values, el.name) ? values[el.name] : undefined;
      if (el.type === "checkbox") {
        el.checked = Array.isArray(v) ? v.indexOf(el.value) !== -1 : v === el.value;
      } else if (el.type === "radio") {
        el.checked = v === el.value;
      } else if (el.tagName === "INPUT" || el.tagName === "TEXTAREA") {
        var text = typeof v === "string" ? v : "";
        el.value = el.getAttribute("data-kind") === "date" ? core.fromIsoDate(core.savedValue("date", text)) : text;
      }
    });
  }

  // ---- what the page says ------------------------------------------------------------------

  function say(page, text, link) {
    var status = page.querySelector(".tb-status");
    if (!status) { return; }
    status.textContent = text;
    if (link) {
      status.appendChild(document.createTextNode(" "));
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      status.appendChild(a);
    }
  }

  function remove(node) { if (node && node.parentNode) { node.parentNode.removeChild(node); } }

  function element(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  /** The addresses of another form's page, on the site (directory URLs) and in the offline copy (.html). */
  function formHref(formId) {
    var offline = /\.html$/.test(root.location.pathname);
    return SITE_ROOT + "blanketter/" + formId + (offline ? ".html" : "/");
  }

  function describedBy(el, id, add) {
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) { return x && x !== id; });
    if (add) { ids.push(id); }
    if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); } else { el.removeAttribute("aria-describedby"); }
  }

  function clearProblems(page) {
    remove(page.querySelector(".tb-error-summary"));
    Array.prototype.forEach.call(page.querySelectorAll(".tb-error"), function (p) {
      var owner = page.querySelector('[aria-describedby~="' + p.id + '"]');
      if (owner) { describedBy(owner, p.id, false); }
      remove(p);
    });
    Array.prototype.forEach.call(page.querySelectorAll("[aria-invalid]"), function (el) { el.removeAttribute("aria-invalid"); });
    Array.prototype.forEach.call(page.querySelectorAll(".tb-has-error"), function (el) { el.classList.remove("tb-has-error"); });
  }

  /** GOV.UK/DKFDS: a message at each field (tied with aria-describedby, "Fejl:" for screen readers) and
   * a summary above the form with one link per problem; focus goes to the summary. */
  function showProblems(page, form, msg, found) {
    clearProblems(page);
    if (!found.length) { return; }
    var byId = {};
    checkControls(form).forEach(function (c) { byId[c.id] = c; });
    found.forEach(function (p) {
      var c = byId[p.id];
      var errorId = p.id + "-error";
      var note = element("p", "tb-error");
      note.id = errorId;
      note.appendChild(element("span", "tb-sr-only", msg.error_prefix + " "));
      note.appendChild(document.createTextNode(p.message));
      var target = c.el;
      if (target.tagName === "FIELDSET") {
        var after = target.querySelector(".tb-hint") || target.querySelector("legend");
        after.parentNode.insertBefore(note, after.nextSibling);
      } else {
        target.parentNode.insertBefore(note, target);
        target.setAttribute("aria-invalid", "true");
      }
      describedBy(target, errorId, true);
      var holder = target.closest(".tb-field, td, th");
      if (holder) { holder.classList.add("tb-has-error"); }
    });
    var summary = element("section", "tb-error-summary");
    var titleId = "tb-error-summary-title-" + form.getAttribute("data-form");
    summary.setAttribute("aria-labelledby", titleId);
    summary.tabIndex = -1;
    var h = element("h2", "tb-error-summary-title", msg.summary_title);
    h.id = titleId;
    summary.appendChild(h);
    summary.appendChild(element("p", "", msg.summary_lead));
    var list = element("ul", "tb-error-summary-list");
    found.forEach(function (p) {
      var li = element("li");
      var a = element("a", "", p.message);
      a.href = "#" + p.id;
      li.appendChild(a);
      list.appendChild(li);
    });
    summary.appendChild(list);
    form.parentNode.insertBefore(summary, form);
    summary.focus();
  }

  /** The values a file had that the page has no field for: listed above the form (label where known). */
  function showKept(page, form, msg, kept) {
    remove(page.querySelector(".tb-notice"));
    var names = Object.keys(kept);
    if (!names.length) { return; }
    var byName = {};
    controls(form).forEach(function (el) { if (!byName[el.name]) { byName[el.name] = el; } });
    var box = element("section", "tb-notice");
    var titleId = "tb-notice-title-" + form.getAttribute("data-form");
    box.setAttribute("aria-labelledby", titleId);
    var h = element("h2", "tb-notice-title", msg.kept_title);
    h.id = titleId;
    box.appendChild(h);
    box.appendChild(element("p", "", msg.kept_lead));
    var list = element("ul", "tb-notice-list");
    names.sort().forEach(function (name) {
      var v = kept[name];
      var li = element("li");
      li.setAttribute("data-name", name);
      li.appendChild(element("strong", "", (byName[name] ? labelOf(byName[name]) : name) + ":"));
      li.appendChild(document.createTextNode(" " + (Array.isArray(v) ? v.join(", ") : v)));
      list.appendChild(li);
    });
    box.appendChild(list);
    form.parentNode.insertBefore(box, form);
  }

  // ---- files ---------------------------------------------------------------------------------

  function download(name, bytes, type) {
    var blob = new Blob([bytes], { type: type });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 0);
  }

  var loading = {};

  /** A script of the site, added once when it is first needed (no eval, nothing from other hosts). */
  function loadScript(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = SITE_ROOT + path;
        s.onload = function () { resolve(); };
        s.onerror = function () { delete loading[path]; reject(new Error("kunne ikke indlæse " + path)); };
        document.head.appendChild(s);
      });
    }
    return loading[path];
  }

  function loadPdfTools(page) {
    var own = page.getAttribute("data-pdf");
    var list = PDF_SCRIPTS.concat(own ? [own] : []);
    return list.reduce(function (p, path) { return p.then(function () { return loadScript(path); }); }, Promise.resolve());
  }

  function isPdf(bytes) {
    return bytes.length >= 5 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d;
  }

  // ---- the page --------------------------------------------------------------------------------

  /** Show each section that depends on a field (a module of the plan) only while the field has its value.
   * A hidden section keeps what is typed in it: it is saved and comes back when the module is chosen again. */
  function applyConditions(form) {
    Array.prototype.forEach.call(form.querySelectorAll("section[data-when-field]"), function (section) {
      var name = section.getAttribute("data-when-field");
      var has = section.getAttribute("data-when-has");
      var on = controls(form).some(function (el) {
        return el.name === name && (el.type === "checkbox" || el.type === "radio") && el.checked && el.value === has;
      });
      section.hidden = !on;
    });
  }

  function setup(page) {
    var form = page.querySelector("form.tb-form");
    var formId = form.getAttribute("data-form");
    var file = page.querySelector("input.tb-file");
    var msg = core.messages(page.getAttribute("data-messages"));
    var rules = core.parseRules(page.getAttribute("data-rules"));
    var titles = core.parseRules(page.getAttribute("data-forms"));
    var formVersion = page.getAttribute("data-form-version") || "";
    var state = { dirty: false, kept: Object.create(null) };
    dirtyPages.push(state);

    // The network map as a map: drawn from the values, again whenever they change.
    var drawing = null;
    var drawingReady = page.querySelector(".tb-ecomap[data-ecomap]") ? loadScript(ECOMAP_SCRIPT).then(function () {
      drawing = root.DKKEcomap.mount(page, function () { return core.collect(entriesOf(form)); });
    }, function (err) { if (root.console) { root.console.warn(err); } }) : Promise.resolve();
    function redraw(now) { if (drawing) { if (now) { drawing.update(); } else { drawing.later(); } } }

    function changed() { state.dirty = true; applyConditions(form); redraw(false); }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    applyConditions(form);
    form.addEventListener("focusout", function (ev) { // a date read as a date is shown as dd.mm.åååå
      var el = ev.target;
      if (el.getAttribute && el.getAttribute("data-kind") === "date" && el.value) {
        var iso = core.toIsoDate(el.value);
        if (iso) { el.value = core.fromIsoDate(iso); }
      }
    });

    function current() {
      return core.serialize(formId, core.collect(entriesOf(form)), rowsOf(form), new Date(), state.kept, formVersion);
    }

    function checkAndShow() {
      showProblems(page, form, msg, core.checkAll(checkControls(form), rules, msg));
    }

    /** Everything "Gem som PDF" needs from the page, as plain data (forms-pdf.js reads no DOM). */
    function pdfInput(data) {
      var kinds = kindsOf(form);
      var rowsData = [];
      blocks(form).forEach(function (tbody) {
        var table = tbody.closest("table");
        var caption = table.querySelector("caption");
        var title = caption ? caption.firstChild.textContent.trim() : "";
        Array.prototype.forEach.call(tbody.querySelectorAll("tr.tb-repeat-row"), function (tr) {
          var cells = [];
          Array.prototype.forEach.call(tr.children, function (cell) {
            var inputs = Array.prototype.filter.call(cell.querySelectorAll("input, textarea"), function (el) { return el.name; });
            if (!inputs.length) { return; }
            var first = inputs[0];
            var text;
            if (first.type === "radio" || first.type === "checkbox") {
              text = inputs.filter(function (el) { return el.checked; }).map(function (el) {
                return inputs.length === 1 ? el.value : labelText(el); // a lone checkbox: its value, "ja"
              }).join(", ");
            } else {
              text = first.value;
            }
            cells.push({ label: cell.getAttribute("data-label") || "", field: first.name, text: text,
                         title: labelOf(first), multiline: first.tagName === "TEXTAREA" });
          });
          rowsData.push({ table: title, name: tr.getAttribute("data-row-label") || "", cells: cells });
        });
      });
      var keptList = Object.keys(state.kept).sort().map(function (k) {
        var v = state.kept[k];
        return { label: k, text: Array.isArray(v) ? v.join(", ") : v };
      });
      var picture = drawing ? drawing.update() : null;
      return { blank: root.DKKBlankPdf && root.DKKBlankPdf[formId], fonts: root.DKKFonts, data: data,
               drawing: picture && picture.count ? { picture: picture, caption: drawing.caption } : null,
               json: JSON.stringify(data, null, 2), kinds: kinds, rows: rowsData, kept: keptList, msg: msg,
               keptTitle: msg.kept_title, jsonName: core.fileName(formId), lang: form.closest("[lang]") ?
               form.closest("[lang]").getAttribute("lang") : "da" };
    }

    function apply(result, name) {
      var want = core.wanted(result.data);
      blocks(form).forEach(function (tb) {
        var b = tb.getAttribute("data-block");
        var saved = b in result.data.rows ? result.data.rows[b] : Number(tb.getAttribute("data-initial"));
        setRows(form, b, core.rowsNeeded(b, saved, want));
      });
      fill(form, want);
      applyConditions(form);
      var placed = core.collect(entriesOf(form));
      var kept = core.unplaced(want, placed, kindsOf(form));
      // a value the file kept and also holds as a value of its own stays kept, as it was
      Object.keys(result.data.kept).forEach(function (k) {
        if (Object.prototype.hasOwnProperty.call(result.data.values, k)) { kept[k] = result.data.kept[k]; }
      });
      state.kept = kept;
      clearProblems(page);
      showKept(page, form, msg, kept);
      state.dirty = false;
      redraw(true);
      var n = Object.keys(kept).length;
      say(page, n ? core.format(msg.opened_kept, { name: name, n: n }) : core.format(msg.opened, { name: name }));
    }

    function refuse(result) {
      if (result.form) {
        var title = titles[result.form] || result.form;
        say(page, core.format(msg.other_form, { form: title }),
            titles[result.form] ? { href: formHref(result.form), text: core.format(msg.other_form_link, { form: title }) } : null);
      } else {
        say(page, result.error);
      }
    }

    function openBytes(bytes, name) {
      if (!isPdf(bytes)) {
        var text;
        try {
          text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch (err) {
          say(page, msg.not_json);
          return;
        }
        var result = core.parseSaved(text, formId, msg);
        if (result.ok) { apply(result, name); } else { refuse(result); }
        return;
      }
      loadPdfTools(page).then(function () {
        return root.DKKFormsPdf.extract(bytes);
      }).then(function (text) {
        if (text === null) { say(page, msg.no_attachment); return; }
        var result = core.parseSaved(text, formId, msg);
        if (result.ok) { apply(result, name); } else { refuse(result); }
      }, function () {
        say(page, msg.no_attachment);
      });
    }

    page.addEventListener("click", function (ev) {
      var link = ev.target.closest(".tb-error-summary a");
      if (link) { // to the field, with its label in view (GOV.UK)
        var el = document.getElementById(link.getAttribute("href").slice(1));
        if (el) {
          ev.preventDefault();
          var label = el.closest("fieldset") ? el.closest("fieldset").querySelector("legend") : document.querySelector('label[for="' + el.id + '"]');
          (label && label.offsetParent ? label : el).scrollIntoView({ block: "center" });
          el.focus({ preventScroll: true });
        }
        return;
      }
      var btn = ev.target.closest("button");
      if (!btn || !page.contains(btn)) { return; }
      var action = btn.getAttribute("data-action");
      if (btn.classList.contains("tb-add")) {
        var block = btn.getAttribute("data-block");
        var tr = addRow(form, block, true);
        if (tr) { state.dirty = true; redraw(false); }
        say(page, tr ? msg.row_added : msg.no_more_rows);
      } else if (btn.classList.contains("tb-remove")) {
        var row = btn.closest("tr");
        var tbody = row.parentNode;
        var index = Array.prototype.indexOf.call(tbody.children, row);
        tbody.removeChild(row);
        relabel(form, tbody);
        state.dirty = true;
        redraw(false);
        var rest = tbody.querySelectorAll("tr.tb-repeat-row");
        var focusRow = rest[Math.min(index, rest.length - 1)];
        var target = focusRow ? focusRow.querySelector("input, textarea") : form.querySelector('button.tb-add[data-block="' + tbody.getAttribute("data-block") + '"]');
        if (target) { target.focus(); }
        say(page, msg.row_removed);
      } else if (action === "save") {
        download(core.fileName(formId), JSON.stringify(current(), null, 2), "application/json");
        state.dirty = false;
        say(page, msg.saved);
        checkAndShow();
      } else if (action === "save-pdf") {
        var data = current();
        say(page, msg.pdf_making);
        btn.disabled = true;
        loadPdfTools(page).then(function () { return drawingReady; }).then(function () {
          return root.DKKFormsPdf.make(pdfInput(data));
        }).then(function (bytes) {
          btn.disabled = false;
          download(core.fileName(formId, null, ".pdf"), bytes, "application/pdf");
          state.dirty = false;
          say(page, msg.saved_pdf);
          checkAndShow();
        }, function (err) {
          btn.disabled = false;
          say(page, msg.pdf_failed);
          if (root.console) { root.console.warn(err); }
        });
      } else if (action === "open") {
        if (state.dirty && !root.confirm(msg.confirm_open)) { return; }
        if (!file) { return; }
        file.value = "";
        file.click();
      } else if (action === "print") {
        root.print();
      } else if (action === "clear") {
        if (!root.confirm(msg.confirm_clear)) { return; }
        form.reset();
        blocks(form).forEach(function (tb) { setRows(form, tb.getAttribute("data-block"), Number(tb.getAttribute("data-initial"))); });
        fill(form, {});
        applyConditions(form);
        state.kept = Object.create(null);
        clearProblems(page);
        remove(page.querySelector(".tb-notice"));
        state.dirty = false;
        redraw(true);
        say(page, msg.cleared);
      }
    });

    if (file) file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) { return; }
      if (chosen.size > MAX_PDF_BYTES || (chosen.size > core.MAX_BYTES && !/\.pdf$/i.test(chosen.name))) {
        say(page, msg.too_large);
        return;
      }
      var reader = new FileReader();
      reader.onload = function () { openBytes(new Uint8Array(reader.result), chosen.name); };
      reader.onerror = function () { say(page, msg.read_error); };
      reader.readAsArrayBuffer(chosen);
    });

    // What another script of the page (profile-builder.js, which saves the values in a file of its own)
    // may use: the same checks' controls, error summary, rows, filling and question before leaving.
    apis.push({ page: page, api: {
      form: form,
      messages: msg,
      controls: function () { return checkControls(form); },
      values: function () { return core.collect(entriesOf(form)); },
      rows: function () { return rowsOf(form); },
      show: function (found) { showProblems(page, form, msg, found); },
      clear: function () { clearProblems(page); },
      say: function (text) { say(page, text); },
      dirty: function () { return state.dirty; },
      saved: function () { state.dirty = false; },
      /** Fill the form with `values` (names as a saved file has them) and `rows`; returns what found no field. */
      load: function (values, rows) {
        blocks(form).forEach(function (tb) {
          var b = tb.getAttribute("data-block");
          var n = rows && b in rows ? rows[b] : Number(tb.getAttribute("data-initial"));
          setRows(form, b, core.rowsNeeded(b, n, values));
        });
        fill(form, values);
        state.kept = Object.create(null);
        clearProblems(page);
        remove(page.querySelector(".tb-notice"));
        state.dirty = false;
        return core.unplaced(values, core.collect(entriesOf(form)), kindsOf(form));
      }
    } });
  }

  // Leaving the page (a link, closing the tab, reloading) with input that is not saved asks first.
  root.addEventListener("beforeunload", function (ev) {
    if (dirtyPages.some(function (s) { return s.dirty; })) {
      ev.preventDefault();
      ev.returnValue = "";
    }
  });

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".tb-form-page"), function (page) {
      if (!page.hasAttribute("data-ready")) {
        page.setAttribute("data-ready", "");
        setup(page);
      }
    });
  }

  /** The machinery of a form page for another script of the page (set up first if it is not yet). */
  root.DKKForms = {
    download: download, // a file saved by the browser, as "Gem som fil" saves it
    api: function (page) {
      init();
      for (var i = 0; i < apis.length; i++) { if (apis[i].page === page) { return apis[i].api; } }
      return null;
    }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})(window);
