/* Blanketter i browseren: rækker, gem/åbn som fil, udskriv, ryd.
 * Ingen netværk, ingen cookies, ingen lagring: data forlader kun siden, når brugeren gemmer en fil.
 * The pure functions at the top are exported for node's test runner (tests/js). */
(function (root) {
  "use strict";

  var FORMAT = "dkk-blanket";
  var VERSION = 1;

  /** Values of a form as one plain object; entries are {name, type, value, checked}. */
  function collect(entries) {
    var values = {};
    entries.forEach(function (e) {
      if (!e.name) { return; }
      if (e.type === "checkbox") {
        if (!e.checked) { return; }
        if (e.multi) {
          (values[e.name] = values[e.name] || []).push(e.value);
        } else {
          values[e.name] = e.value;
        }
      } else if (e.type === "radio") {
        if (e.checked) { values[e.name] = e.value; }
      } else if (e.value !== "") {
        values[e.name] = e.value;
      }
    });
    return values;
  }

  /** The saved file's object. rows: {block name: number of rows}. */
  function serialize(formId, values, rows, now) {
    return {
      format: FORMAT,
      version: VERSION,
      form: formId,
      saved: (now || new Date()).toISOString(),
      rows: rows,
      values: values
    };
  }

  /** The page's messages: its data-messages attribute, written from toolbox/messages.py in the page's
   * language (the one place its texts live). A message missing there shows as its key. */
  var KEYS = ["row_added", "no_more_rows", "row_removed", "saved", "confirm_clear", "cleared", "opened",
              "read_error", "not_json", "not_saved", "other_form", "version"];

  function messages(attribute) {
    var own = null;
    try { own = JSON.parse(attribute || "{}"); } catch (err) { own = null; }
    var out = {};
    KEYS.forEach(function (k) {
      out[k] = own && typeof own[k] === "string" ? own[k] : k;
    });
    return out;
  }

  /** A message with its {placeholders} filled in. */
  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, key) {
      return values && Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : m;
    });
  }

  /** Parse a saved file; returns {ok, data} or {ok: false, error} with a message in msg's language. */
  function parseSaved(text, formId, msg) {
    var m = msg || messages(null);
    var data;
    try {
      data = JSON.parse(text);
    } catch (err) {
      return { ok: false, error: m.not_json };
    }
    if (!data || typeof data !== "object" || data.format !== FORMAT) {
      return { ok: false, error: m.not_saved };
    }
    if (data.form !== formId) {
      return { ok: false, error: format(m.other_form, { form: data.form }) };
    }
    if (data.version !== VERSION) {
      return { ok: false, error: m.version };
    }
    var values = data.values && typeof data.values === "object" ? data.values : {};
    var rows = data.rows && typeof data.rows === "object" ? data.rows : {};
    var clean = {};
    Object.keys(values).forEach(function (k) {
      var v = values[k];
      if (typeof v === "string") { clean[k] = v; }
      else if (Array.isArray(v)) { clean[k] = v.filter(function (x) { return typeof x === "string"; }); }
    });
    var cleanRows = {};
    Object.keys(rows).forEach(function (k) {
      var n = Number(rows[k]);
      if (Number.isInteger(n) && n >= 0 && n <= 200) { cleanRows[k] = n; }
    });
    return { ok: true, data: { values: clean, rows: cleanRows, saved: data.saved } };
  }

  /** A file name such as "netvaerkskort-2026-11-23.json". */
  function fileName(formId, now) {
    var d = now || new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return formId + "-" + d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + ".json";
  }

  /** Rename a repeating row's names/ids/labels from index `from` to `to` (strings in attributes). */
  function renumber(text, block, to, shown) {
    var escaped = block.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    var idBlock = block.replace(/\./g, "--");
    var idEscaped = idBlock.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return text
      .replace(new RegExp(escaped + "\\.(__N__|\\d+)\\.", "g"), block + "." + to + ".")
      .replace(new RegExp(idEscaped + "--(__N__|\\d+)--", "g"), idBlock + "--" + to + "--")
      .replace(/__M__/g, String(shown));
  }

  var api = { collect: collect, serialize: serialize, parseSaved: parseSaved, fileName: fileName, renumber: renumber,
              messages: messages, format: format, KEYS: KEYS };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (typeof document === "undefined") { return; }

  // ---- the page ------------------------------------------------------------------------

  function entriesOf(form) {
    return Array.prototype.map.call(form.elements, function (el) {
      var multi = el.type === "checkbox" && !!el.closest("[data-kind=multichoice]");
      return { name: el.name, type: el.type, value: el.value, checked: el.checked, multi: multi };
    });
  }

  function blocks(form) {
    return Array.prototype.slice.call(form.querySelectorAll("tbody.tb-repeat"));
  }

  function addTemplate(form, block) {
    var tbody = form.querySelector('tbody.tb-repeat[data-block="' + block + '"]');
    var tpl = tbody && tbody.parentNode.querySelector('button.tb-add[data-block="' + block + '"]').parentNode.querySelector("template");
    return { tbody: tbody, tpl: tpl };
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
    wrapper.innerHTML = renumber(parts.tpl.innerHTML, block, n, n + 1);
    var tr = wrapper.querySelector("tr");
    parts.tbody.appendChild(tr);
    if (focus) { tr.querySelector("input, textarea").focus(); }
    return tr;
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
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) { return; }
      var v = values[el.name];
      if (el.type === "checkbox") {
        el.checked = Array.isArray(v) ? v.indexOf(el.value) !== -1 : v === el.value;
      } else if (el.type === "radio") {
        el.checked = v === el.value;
      } else if (el.tagName === "INPUT" || el.tagName === "TEXTAREA") {
        el.value = typeof v === "string" ? v : "";
      }
    });
  }

  function say(page, text) {
    var status = page.querySelector(".tb-status");
    if (status) { status.textContent = text; }
  }

  function download(name, text) {
    var blob = new Blob([text], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 0);
  }

  function setup(page) {
    var form = page.querySelector("form.tb-form");
    var formId = form.getAttribute("data-form");
    var file = page.querySelector("input.tb-file");
    var msg = messages(page.getAttribute("data-messages"));

    page.addEventListener("click", function (ev) {
      var btn = ev.target.closest("button");
      if (!btn || !page.contains(btn)) { return; }
      var action = btn.getAttribute("data-action");
      if (btn.classList.contains("tb-add")) {
        var block = btn.getAttribute("data-block");
        var tr = addRow(form, block, true);
        say(page, tr ? msg.row_added : msg.no_more_rows);
      } else if (btn.classList.contains("tb-remove")) {
        var row = btn.closest("tr");
        var tbody = row.parentNode;
        var index = Array.prototype.indexOf.call(tbody.children, row);
        tbody.removeChild(row);
        relabel(form, tbody);
        var rest = tbody.querySelectorAll("tr.tb-repeat-row");
        var focusRow = rest[Math.min(index, rest.length - 1)];
        var target = focusRow ? focusRow.querySelector("input, textarea") : form.querySelector('button.tb-add[data-block="' + tbody.getAttribute("data-block") + '"]');
        if (target) { target.focus(); }
        say(page, msg.row_removed);
      } else if (action === "save") {
        var data = serialize(formId, collect(entriesOf(form)), rowsOf(form));
        download(fileName(formId), JSON.stringify(data, null, 2));
        say(page, msg.saved);
      } else if (action === "open") {
        file.value = "";
        file.click();
      } else if (action === "print") {
        window.print();
      } else if (action === "clear") {
        if (!window.confirm(msg.confirm_clear)) { return; }
        form.reset();
        blocks(form).forEach(function (tb) { setRows(form, tb.getAttribute("data-block"), Number(tb.getAttribute("data-initial"))); });
        fill(form, {});
        say(page, msg.cleared);
      }
    });

    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) { return; }
      var reader = new FileReader();
      reader.onload = function () {
        var result = parseSaved(String(reader.result), formId, msg);
        if (!result.ok) { say(page, result.error); return; }
        blocks(form).forEach(function (tb) {
          var b = tb.getAttribute("data-block");
          setRows(form, b, b in result.data.rows ? result.data.rows[b] : Number(tb.getAttribute("data-initial")));
        });
        fill(form, result.data.values);
        say(page, format(msg.opened, { name: chosen.name }));
      };
      reader.onerror = function () { say(page, msg.read_error); };
      reader.readAsText(chosen);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".tb-form-page"), function (page) {
      if (!page.hasAttribute("data-ready")) {
        page.setAttribute("data-ready", "");
        setup(page);
      }
    });
  }

  if (root.document$ && typeof root.document$.subscribe === "function") {
    root.document$.subscribe(init); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})(typeof window !== "undefined" ? window : this);
