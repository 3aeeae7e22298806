/* Blanketter i browseren, kernen: det gemte filformat, åbning af filer fra alle tidligere versioner,
 * tjek af værdierne og datoer i dansk rækkefølge. Ingen DOM her: forms.js kobler det til siden, og
 * node's test runner (tests/js) tester det direkte.
 *
 * The saved file (forms/FORMAT.md, "The saved file"):
 *   {format: "dkk-blanket", version: 2, form, form_version, saved, rows, values, kept}
 * version 1 (before issue 10) had no form_version and no kept; it opens with every value. */
(function (root) {
  "use strict";

  var FORMAT = "dkk-blanket";
  var VERSION = 2;
  var VERSIONS = [1, 2]; // every version this page opens
  var MAX_BYTES = 5 * 1024 * 1024; // a saved form is some kB; a PDF some hundred kB
  var MAX_DEPTH = 8; // a saved file nests three levels deep; more is not a saved file
  var MAX_ROWS = 200;
  var FORBIDDEN_KEYS = ["__proto__", "constructor", "prototype"];

  /** The page's messages: its data-messages attribute, written from toolbox/messages.py in the page's
   * language (the one place its texts live). A message missing there shows as its key. */
  var KEYS = ["row_added", "no_more_rows", "row_removed", "saved", "confirm_clear", "cleared", "opened",
              "read_error", "not_json", "not_saved", "other_form", "version", "confirm_open", "too_large",
              "hostile", "other_form_link", "no_attachment", "opened_kept", "saved_pdf", "pdf_making", "pdf_failed",
              "kept_title", "kept_lead", "summary_title", "summary_lead", "error_prefix", "check_required",
              "check_cpr", "check_date", "check_email", "check_tel", "check_time", "check_number", "check_min",
              "check_max", "pdf_appendix_title", "pdf_appendix_lead", "pdf_attachment"];

  function dict() { return Object.create(null); }

  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  function messages(attribute) {
    var own = null;
    try { own = JSON.parse(attribute || "{}"); } catch (err) { own = null; }
    var out = {};
    KEYS.forEach(function (k) {
      out[k] = own && typeof own[k] === "string" ? own[k] : k;
    });
    return out;
  }

  /** A message with its {placeholders} filled in (once: a value's own braces stay as they are). */
  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, key) {
      return values && has(values, key) ? String(values[key]) : m;
    });
  }

  // ---- dates: shown as dd.mm.åååå (Det Fælles Designsystem), saved as åååå-mm-dd -------------

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) { s = "0" + s; }
    return s;
  }

  /** "23.11.2026", "23-11-2026", "23/11/2026", "23 11 2026", "23112026" or "2026-11-23" as "2026-11-23";
   * null for anything else (then the text is saved as typed, and the check says so). */
  function toIsoDate(text) {
    var t = String(text).trim();
    var m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
    if (m) { return m[1] + "-" + pad(m[2], 2) + "-" + pad(m[3], 2); }
    m = /^(\d{1,2})[.\-/ ]+(\d{1,2})[.\-/ ]+(\d{4})$/.exec(t) || /^(\d{2})(\d{2})(\d{4})$/.exec(t);
    if (!m) { return null; }
    return m[3] + "-" + pad(m[2], 2) + "-" + pad(m[1], 2);
  }

  /** The saved "2026-11-23" as "23.11.2026"; any other text as it is. */
  function fromIsoDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
    return m ? m[3] + "." + m[2] + "." + m[1] : String(value);
  }

  /** What a control's text is saved as: a date as åååå-mm-dd when it can be read, else as typed. */
  function savedValue(kind, text) {
    if (kind === "date" && text !== "") { return toIsoDate(text) || text; }
    return text;
  }

  // ---- the saved file ---------------------------------------------------------------------

  /** Values of a form as one plain object; entries are {name, type, kind, value, checked, multi}. */
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
        values[e.name] = savedValue(e.kind, e.value);
      }
    });
    return values;
  }

  /** The saved file's object. rows: {block name: number of rows}; kept: values the page has no field for. */
  function serialize(formId, values, rows, now, kept, formVersion) {
    var out = {
      format: FORMAT,
      version: VERSION,
      form: formId,
      form_version: formVersion || "",
      saved: (now || new Date()).toISOString(),
      rows: rows,
      values: values
    };
    if (kept && Object.keys(kept).length) { out.kept = plain(kept); }
    return out;
  }

  function plain(map) {
    var out = {};
    Object.keys(map).sort().forEach(function (k) { out[k] = map[k]; });
    return out;
  }

  /** How deep the JSON text nests, counted without parsing it (a deep file would exhaust the parser). */
  function depth(text) {
    var d = 0, most = 0, inString = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) { i += 1; } else if (c === 34) { inString = false; }
      } else if (c === 34) {
        inString = true;
      } else if (c === 123 || c === 91) {
        d += 1;
        if (d > most) { most = d; if (most > MAX_DEPTH) { return most; } }
      } else if (c === 125 || c === 93) {
        d -= 1;
      }
    }
    return most;
  }

  function textValue(v) {
    return typeof v === "string" || (Array.isArray(v) && v.every(function (x) { return typeof x === "string"; }));
  }

  /** Parse a saved file; returns {ok: true, data} or {ok: false, error[, form]} with a message in msg's
   * language. Nothing is taken from a file that is not wholly a saved form of this page's form. */
  function parseSaved(text, formId, msg) {
    var m = msg || messages(null);
    if (typeof text !== "string" || text.length > MAX_BYTES) { return { ok: false, error: m.too_large }; }
    if (depth(text) > MAX_DEPTH) { return { ok: false, error: m.hostile }; }
    var hostile = false;
    var data;
    try {
      data = JSON.parse(text, function (key, value) {
        if (FORBIDDEN_KEYS.indexOf(key) !== -1) { hostile = true; }
        return value;
      });
    } catch (err) {
      return { ok: false, error: m.not_json };
    }
    if (hostile) { return { ok: false, error: m.hostile }; }
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
      return { ok: false, error: m.not_saved };
    }
    if (typeof data.form !== "string") { return { ok: false, error: m.not_saved }; }
    if (data.form !== formId) {
      return { ok: false, error: format(m.other_form, { form: data.form }), form: data.form };
    }
    if (VERSIONS.indexOf(data.version) === -1) {
      return { ok: false, error: m.version };
    }
    var values = dict(), kept = dict(), rows = dict();
    var parts = [[data.values, values], [data.kept, kept]];
    for (var p = 0; p < parts.length; p++) {
      var from = parts[p][0];
      if (from === undefined) { continue; }
      if (!from || typeof from !== "object" || Array.isArray(from)) { return { ok: false, error: m.not_saved }; }
      var keys = Object.keys(from);
      for (var i = 0; i < keys.length; i++) {
        var v = from[keys[i]];
        if (!textValue(v)) { return { ok: false, error: m.not_saved }; }
        parts[p][1][keys[i]] = Array.isArray(v) ? v.slice() : v;
      }
    }
    if (data.rows && typeof data.rows === "object" && !Array.isArray(data.rows)) {
      Object.keys(data.rows).forEach(function (k) {
        var n = Number(data.rows[k]);
        if (Number.isInteger(n) && n >= 0 && n <= MAX_ROWS) { rows[k] = n; }
      });
    }
    return { ok: true, data: { values: values, kept: kept, rows: rows, saved: data.saved, version: data.version,
                               formVersion: typeof data.form_version === "string" ? data.form_version : "" } };
  }

  /** Everything the file wants on the page: its values, then the kept values the page may know now
   * (a value in both stays kept: the file's own field wins). */
  function wanted(data) {
    var all = dict();
    Object.keys(data.values).forEach(function (k) { all[k] = data.values[k]; });
    Object.keys(data.kept).forEach(function (k) { if (!has(all, k)) { all[k] = data.kept[k]; } });
    return all;
  }

  /** How many rows a block needs for the values: at least the saved count, and every numbered value. */
  function rowsNeeded(block, saved, values) {
    var n = saved;
    var prefix = block + ".";
    Object.keys(values).forEach(function (k) {
      if (k.indexOf(prefix) !== 0) { return; }
      var m = /^(\d+)\./.exec(k.slice(prefix.length));
      if (m) { n = Math.max(n, Number(m[1]) + 1); }
    });
    return Math.min(n, MAX_ROWS);
  }

  /** What the page could not show of `want` (name -> value), given what it holds after filling
   * (`placed`, as collect gives it): the values to keep, show and save again. */
  function unplaced(want, placed, kinds, alsoKept) {
    var kept = dict();
    Object.keys(want).forEach(function (k) {
      var v = want[k];
      var here = has(placed, k) ? placed[k] : undefined;
      if (Array.isArray(v)) {
        var missing = v.filter(function (x) { return !(Array.isArray(here) && here.indexOf(x) !== -1); });
        if (missing.length) { kept[k] = missing; }
      } else if (v !== "" && here !== savedValue(kinds[k], v)) {
        kept[k] = v;
      }
    });
    (alsoKept ? Object.keys(alsoKept) : []).forEach(function (k) { if (!has(kept, k)) { kept[k] = alsoKept[k]; } });
    return kept;
  }

  /** A file name such as "netvaerkskort-2026-11-23.json". */
  function fileName(formId, now, ext) {
    var d = now || new Date();
    return formId + "-" + d.getFullYear() + "-" + pad(d.getMonth() + 1, 2) + "-" + pad(d.getDate(), 2) + (ext || ".json");
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

  // ---- checks on saving (the rules come from toolbox/rules.py through data-rules) ---------------

  /** The problem with one control, or null. c: {kind, label, value, required, min, max}; value is the
   * saved value (a string, an array, or "" when empty). rules: {kind: {pattern}}. */
  function check(c, rules, msg) {
    var m = msg || messages(null);
    var empty = c.value === "" || c.value === undefined || c.value === null ||
                (Array.isArray(c.value) && c.value.length === 0);
    if (empty) { return c.required ? format(m.check_required, { label: c.label }) : null; }
    if (typeof c.value !== "string") { return null; }
    var rule = rules && has(rules, c.kind) ? rules[c.kind] : null;
    if (rule && rule.pattern && !new RegExp(rule.pattern).test(c.value.trim())) {
      return format(m["check_" + c.kind] || m.check_number, { label: c.label, min: c.min, max: c.max });
    }
    if (c.kind === "number") {
      var n = Number(c.value);
      if (c.min !== undefined && c.min !== null && c.min !== "" && n < Number(c.min)) {
        return format(m.check_min, { label: c.label, min: c.min });
      }
      if (c.max !== undefined && c.max !== null && c.max !== "" && n > Number(c.max)) {
        return format(m.check_max, { label: c.label, max: c.max });
      }
    }
    return null;
  }

  /** Every problem of the controls, in page order: [{id, message}]. */
  function checkAll(controls, rules, msg) {
    var out = [];
    controls.forEach(function (c) {
      var problem = check(c, rules, msg);
      if (problem) { out.push({ id: c.id, name: c.name, message: problem }); }
    });
    return out;
  }

  function parseRules(attribute) {
    try {
      var r = JSON.parse(attribute || "{}");
      return r && typeof r === "object" ? r : {};
    } catch (err) {
      return {};
    }
  }

  var api = { FORMAT: FORMAT, VERSION: VERSION, VERSIONS: VERSIONS, MAX_BYTES: MAX_BYTES, KEYS: KEYS,
              collect: collect, serialize: serialize, parseSaved: parseSaved, wanted: wanted, rowsNeeded: rowsNeeded,
              unplaced: unplaced, fileName: fileName, renumber: renumber, messages: messages, format: format,
              toIsoDate: toIsoDate, fromIsoDate: fromIsoDate, savedValue: savedValue, check: check, checkAll: checkAll,
              parseRules: parseRules, depth: depth };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (root) { root.DKKFormsCore = api; }
})(typeof window !== "undefined" ? window : null);
