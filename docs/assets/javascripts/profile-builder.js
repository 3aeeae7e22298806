/* "Lav jeres egen udgave": en kommuneprofil lavet i browseren og gemt som YAML-fil.
 * Intet sendes, intet gemmes i browseren: profilen forlader kun siden, når brugeren trykker "Gem profil".
 *
 * The form is drawn and run by forms.js (rows, clearing, the error summary, the question before leaving);
 * this file adds what is the builder's own, driven by the page's data-builder spec, which
 * toolbox/render/profile_builder.py derives from the profile model:
 * - the profile as YAML (every text double-quoted and escaped, so any name reads back as it was typed),
 * - the checks of `toolbox validate` the page can make (required, lengths, the model's patterns,
 *   numbers and limits, the colours' contrast with white as toolbox/colors.py computes it, sections left out),
 * - the live contrast of each colour, and the profile's name in the commands on the page,
 * - "Åbn profil": a saved profile opened again (js-yaml, loaded from the site only when used); a value the
 *   page has no field for is shown, kept and written back on the next save.
 * The part without the DOM is tested with node (tests/js/profile-builder.test.js). */
(function (root) {
  "use strict";

  var MAX_BYTES = 2 * 1024 * 1024; // the toolbox's loader reads no larger YAML file (toolbox/inputs/yamlfile.py)
  var MAX_NODES = 200000; // nor more values, aliases expanded
  var FORBIDDEN_KEYS = ["__proto__", "constructor", "prototype"];

  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  function format(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, key) {
      return values && has(values, key) ? String(values[key]) : m;
    });
  }

  // ---- colours: WCAG 2.1, as toolbox/colors.py -------------------------------------------------

  function luminance(color) {
    function channel(c) {
      var s = c / 255;
      return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
    var r = channel(parseInt(color.slice(1, 3), 16));
    var g = channel(parseInt(color.slice(3, 5), 16));
    var b = channel(parseInt(color.slice(5, 7), 16));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    var hi = Math.max(la, lb), lo = Math.min(la, lb);
    return (hi + 0.05) / (lo + 0.05);
  }

  function contrastWithWhite(color) { return contrast(color, "#ffffff"); }

  /** 4.4789… as "4,48" (Danish decimal comma). */
  function ratioText(ratio) { return ratio.toFixed(2).replace(".", ","); }

  // ---- YAML out ----------------------------------------------------------------------------------

  /** A text as a YAML double-quoted scalar that PyYAML (and so `toolbox validate`) reads back as the same
   * text: quotes and backslashes escaped, and every character YAML would not take as it stands (control
   * characters, DEL and C1, the line breaks NEL, LS and PS that a quoted scalar would fold, a BOM,
   * non-characters and lone surrogates) written as an escape. */
  function yamlString(text) {
    var out = '"';
    var s = String(text);
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { out += s[i] + s[i + 1]; i += 1; continue; } // a pair: one character
      }
      if (c === 0x22) { out += '\\"'; } else if (c === 0x5c) { out += "\\\\"; } else if (c === 0x09) { out += "\\t"; } else if (c === 0x0a) { out += "\\n"; } else if (c === 0x0d) { out += "\\r"; } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 ||
                 c === 0xfeff || c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff)) {
        out += "\\u" + ("000" + c.toString(16)).slice(-4);
      } else {
        out += s[i];
      }
    }
    return out + '"';
  }

  /** A key as it stands when it is a plain identifier (every key the page writes), else quoted. */
  function yamlKey(key) {
    return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : yamlString(key);
  }

  function yamlScalar(v) {
    if (typeof v === "string") { return yamlString(v); }
    if (typeof v === "number" && isFinite(v)) { return String(v); }
    if (typeof v === "boolean") { return v ? "true" : "false"; }
    if (v === null || v === undefined) { return "null"; }
    return yamlString(String(v));
  }

  function isMap(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  /** Block YAML of a value (maps in their keys' order), each line indented by `pad` spaces. */
  function dumpLines(value, pad) {
    var sp = new Array(pad + 1).join(" ");
    var lines = [];
    if (Array.isArray(value)) {
      value.forEach(function (item) {
        if ((isMap(item) && Object.keys(item).length) || (Array.isArray(item) && item.length)) {
          var inner = dumpLines(item, pad + 2);
          inner[0] = sp + "- " + inner[0].slice(pad + 2);
          lines.push.apply(lines, inner);
        } else {
          lines.push(sp + "- " + (isMap(item) ? "{}" : Array.isArray(item) ? "[]" : yamlScalar(item)));
        }
      });
    } else {
      Object.keys(value).forEach(function (key) {
        var v = value[key];
        if (isMap(v) && Object.keys(v).length) {
          lines.push(sp + yamlKey(key) + ":");
          lines.push.apply(lines, dumpLines(v, pad + 2));
        } else if (Array.isArray(v) && v.length) {
          lines.push(sp + yamlKey(key) + ":");
          lines.push.apply(lines, dumpLines(v, pad + 2));
        } else {
          lines.push(sp + yamlKey(key) + ": " + (isMap(v) ? "{}" : Array.isArray(v) ? "[]" : yamlScalar(v)));
        }
      });
    }
    return lines;
  }

  function dump(value) { return dumpLines(value, 0).join("\n") + "\n"; }

  // ---- the form's values as a profile, and back ---------------------------------------------------

  function text(values, name) {
    var v = values[name];
    return typeof v === "string" ? v.trim() : "";
  }

  function scalarValue(node, v) {
    if (node.type === "bool") { return true; } // a ticked box (an empty one is left out: false is the default)
    return node.type === "int" && /^-?[0-9]+$/.test(v) ? Number(v) : v;
  }

  /** The rows of a block that hold anything: [{n, cells: {col: text}}] in order. */
  function filledRows(node, values) {
    var prefix = node.block + ".";
    var ns = {};
    Object.keys(values).forEach(function (k) {
      if (k.indexOf(prefix) !== 0) { return; }
      var m = /^(\d+)\./.exec(k.slice(prefix.length));
      if (m) { ns[m[1]] = true; }
    });
    return Object.keys(ns).map(Number).sort(function (a, b) { return a - b; }).map(function (n) {
      var cells = {};
      node.children.forEach(function (c) { cells[c.col] = text(values, prefix + n + "." + c.col); });
      return { n: n, cells: cells };
    }).filter(function (r) {
      return Object.keys(r.cells).some(function (k) { return r.cells[k] !== ""; });
    });
  }

  /** The profile (a plain object in the model's order) from the form's values (names as forms.js collects them).
   * Empty fields are left out, as are rows and groups with nothing in them. */
  function profileFrom(spec, values) {
    var out = {};
    spec.fields.forEach(function (node) {
      if (node.type === "str" || node.type === "int" || node.type === "bool") {
        var v = text(values, node.name);
        if (v !== "") { out[node.key] = scalarValue(node, v); }
      } else if (node.type === "map") {
        var sub = {};
        node.children.forEach(function (c) {
          var v2 = text(values, c.name);
          if (v2 !== "") { sub[c.key] = scalarValue(c, v2); }
        });
        if (Object.keys(sub).length) { out[node.key] = sub; }
      } else if (node.type === "list") {
        var list = Array.isArray(values[node.name]) ? values[node.name].slice() : [];
        if (list.length) { out[node.key] = list; }
      } else if (node.type === "rows") {
        var rows = filledRows(node, values).map(function (r) {
          var row = {};
          node.children.forEach(function (c) { if (r.cells[c.col] !== "") { row[c.key] = scalarValue(c, r.cells[c.col]); } });
          return row;
        });
        if (rows.length) { out[node.key] = rows; }
      } else if (node.type === "omit") {
        var omit = {};
        node.children.forEach(function (c) {
          if (Array.isArray(values[c.name]) && values[c.name].length) { omit[c.form] = values[c.name].slice(); }
        });
        if (Object.keys(omit).length) { out[node.key] = omit; }
      }
    });
    return out;
  }

  /** Put a kept value back where the file had it (a list gets the items it lacks). `moved` remembers where an
   * item beyond a list's end went, so that the kept values of one such item stay together. */
  function putBack(obj, path, value, moved) {
    var at = obj;
    var memo = moved || {};
    for (var i = 0; i < path.length - 1; i++) {
      var key = path[i];
      var next = path[i + 1];
      if (Array.isArray(at)) {
        var where = JSON.stringify(path.slice(0, i + 1));
        if (has(memo, where)) {
          key = memo[where];
        } else if (typeof key !== "number" || key >= at.length) {
          memo[where] = at.length;
          key = at.length;
          at.push(typeof next === "number" ? [] : {});
        }
      } else if (!isMap(at[key]) && !Array.isArray(at[key])) {
        at[key] = typeof next === "number" ? [] : {};
      }
      at = at[key];
    }
    var last = path[path.length - 1];
    if (Array.isArray(at)) { at.push(value); return; }
    if (Array.isArray(at[last]) && Array.isArray(value)) {
      value.forEach(function (x) { if (at[last].indexOf(x) === -1) { at[last].push(x); } });
    } else if (!has(at, last)) {
      at[last] = value;
    }
  }

  /** The YAML file the page saves: a short comment, then the profile, then the kept values where they were. */
  function profileYaml(spec, values, kept) {
    var profile = profileFrom(spec, values);
    var moved = {};
    (kept || []).forEach(function (k) { putBack(profile, k.path, k.value, moved); });
    var id = text(values, spec.id.name);
    var named = new RegExp(spec.id.pattern).test(id);
    return "# Kommuneprofil, lavet på siden \"Lav jeres egen udgave\" i værktøjskassen.\n" +
           "# Formatet står i forms/FORMAT.md. Læg filen i forms/profiles/" + (named ? id : "NAVN") + ".yml,\n" +
           "# tjek den med: .venv/bin/toolbox validate\n" +
           "# og byg med:   .venv/bin/toolbox build --profile " + (named ? id : "NAVN") + "\n" + dump(profile);
  }

  function fileName(spec, values) {
    var id = text(values, spec.id.name);
    return (new RegExp(spec.id.pattern).test(id) ? id : "profil") + ".yml";
  }

  /** The profile's name from the file's: "aeroe-kommune.yml" and the browser's "aeroe-kommune (1).yml". */
  function idFromFileName(name) {
    return String(name).replace(/\.ya?ml$/i, "").replace(/ \(\d+\)$/, "");
  }

  function scalarText(v) {
    if (typeof v === "string") { return v; }
    if (typeof v === "number" || typeof v === "boolean") { return String(v); }
    if (v instanceof Date && !isNaN(v.getTime())) { return v.toISOString().slice(0, 10); }
    return null;
  }

  /** Why a loaded document cannot be a profile (hostile or too big), or null. */
  function refusal(data) {
    var count = 0;
    var stack = [data];
    while (stack.length) {
      var v = stack.pop();
      count += 1;
      if (count > MAX_NODES) { return "too_large"; }
      if (Array.isArray(v)) {
        for (var i = 0; i < v.length; i++) { stack.push(v[i]); }
      } else if (isMap(v) && !(v instanceof Date)) {
        var keys = Object.keys(v);
        for (var j = 0; j < keys.length; j++) {
          if (FORBIDDEN_KEYS.indexOf(keys[j]) !== -1) { return "not_profile"; }
          stack.push(v[keys[j]]);
        }
      }
    }
    return null;
  }

  /** A loaded profile as the form's values: {values, rows, kept: [{path, value, name?}], paths: {name: path}}.
   * What has no field (an unknown key, a value that is not a text) is kept with its place in the file. */
  function valuesFrom(spec, data) {
    var values = {}, rows = {}, kept = [], paths = {};
    function keep(path, value) { kept.push({ path: path, value: value }); }
    function put(name, path, v) {
      var t = scalarText(v);
      if (t === null) { keep(path, v); return; }
      values[name] = t;
      paths[name] = path;
    }
    var known = {};
    spec.fields.forEach(function (node) {
      known[node.key] = true;
      if (!has(data, node.key)) { return; }
      var v = data[node.key];
      var path = [node.key];
      if (node.type === "bool") {
        if (v === true) { values[node.name] = "ja"; paths[node.name] = path; } else if (v !== false) { keep(path, v); }
      } else if (node.type === "str" || node.type === "int") {
        put(node.name, path, v);
      } else if (node.type === "map") {
        if (!isMap(v)) { keep(path, v); return; }
        var subs = {};
        node.children.forEach(function (c) {
          subs[c.key] = true;
          if (has(v, c.key)) { put(c.name, [node.key, c.key], v[c.key]); }
        });
        Object.keys(v).forEach(function (k) { if (!subs[k]) { keep([node.key, k], v[k]); } });
      } else if (node.type === "list") {
        if (!Array.isArray(v)) { keep(path, v); return; }
        var ok = v.filter(function (x) { return typeof x === "string"; });
        v.filter(function (x) { return typeof x !== "string"; }).forEach(function (x) { keep(path, [x]); });
        if (ok.length) { values[node.name] = ok; paths[node.name] = path; }
      } else if (node.type === "rows") {
        if (!Array.isArray(v)) { keep(path, v); return; }
        var n = 0;
        v.forEach(function (item, i) {
          if (!isMap(item)) { keep([node.key, i], item); return; }
          var cols = {};
          node.children.forEach(function (c) {
            cols[c.key] = true;
            if (has(item, c.key)) { put(node.block + "." + n + "." + c.col, [node.key, n, c.key], item[c.key]); }
          });
          Object.keys(item).forEach(function (k) { if (!cols[k]) { keep([node.key, n, k], item[k]); } });
          n += 1;
        });
        rows[node.block] = n;
      } else if (node.type === "omit") {
        if (!isMap(v)) { keep(path, v); return; }
        var byForm = {};
        node.children.forEach(function (c) { byForm[c.form] = c; });
        Object.keys(v).forEach(function (form) {
          var list = v[form];
          var c = byForm[form];
          if (!c || !Array.isArray(list)) { keep([node.key, form], list); return; }
          var ok2 = list.filter(function (x) { return typeof x === "string"; });
          list.filter(function (x) { return typeof x !== "string"; }).forEach(function (x) { keep([node.key, form], [x]); });
          if (ok2.length) { values[c.name] = ok2; paths[c.name] = [node.key, form]; }
        });
      }
    });
    Object.keys(data).forEach(function (k) { if (!known[k]) { keep([k], data[k]); } });
    return { values: values, rows: rows, kept: kept, paths: paths };
  }

  /** Values the form could not show after filling (forms.js's load: a choice it does not have, a row
   * beyond the block's limit), kept with their place in the file. */
  function keptFromUnplaced(unplaced, paths) {
    return Object.keys(unplaced).filter(function (name) { return has(paths, name); }).map(function (name) {
      return { path: paths[name], value: unplaced[name], name: name };
    });
  }

  // ---- the checks of `toolbox validate` that the page can make ---------------------------------------

  function length(s) { return Array.from(s).length; } // characters, as Python counts them

  /** The problem with one value, or null. node: {label, required, type, pattern, format, max_length, min, max, contrast}. */
  function checkOne(node, v, msg, label) {
    var l = label || node.label;
    if (v === "") { return node.required ? format(msg.check_required, { label: l }) : null; }
    if (node.type === "int") {
      if (!/^-?[0-9]+$/.test(v)) { return format(msg.check_number, { label: l }); }
      if (node.min !== undefined && Number(v) < node.min) { return format(msg.check_min, { label: l, min: node.min }); }
      if (node.max !== undefined && Number(v) > node.max) { return format(msg.check_max, { label: l, max: node.max }); }
      return null;
    }
    if (node.max_length !== undefined && length(v) > node.max_length) {
      return format(msg.check_too_long, { label: l, max: node.max_length });
    }
    if (node.pattern && !new RegExp(node.pattern).test(v)) {
      return format(msg["check_" + node.format] || msg.check_pattern, { label: l });
    }
    if (node.contrast) {
      var ratio = contrastWithWhite(v);
      if (ratio < node.contrast) {
        return format(msg.check_contrast, { label: l, color: v, ratio: ratioText(ratio), min: String(node.contrast).replace(".", ",") });
      }
    }
    return null;
  }

  /** Every problem of the values, in the page's order: [{name, message}] (name: the control's name). */
  function checks(spec, values, msg) {
    var out = [];
    function add(name, problem) { if (problem) { out.push({ name: name, message: problem }); } }
    add(spec.id.name, checkOne(spec.id, text(values, spec.id.name), msg));
    var chosenForms = [];
    spec.fields.forEach(function (node) {
      if (node.type === "list" && node.key === "forms" && Array.isArray(values[node.name])) { chosenForms = values[node.name]; }
    });
    spec.fields.forEach(function (node) {
      if (node.type === "str" || node.type === "int") {
        add(node.name, checkOne(node, text(values, node.name), msg));
      } else if (node.type === "map") {
        var present = node.children.some(function (c) { return text(values, c.name) !== ""; });
        node.children.forEach(function (c) {
          var rule = Object.assign({}, c, { required: c.required && (node.required || present) });
          add(c.name, checkOne(rule, text(values, c.name), msg));
        });
      } else if (node.type === "rows") {
        var filled = filledRows(node, values);
        if (filled.length < node.min) {
          add(node.block + "." + (filled.length ? filled[0].n : 0) + "." + node.children[0].col,
              format(msg.check_rows, { label: node.label, min: node.min + " " + (node.row || "").toLowerCase() }));
        }
        filled.forEach(function (r, i) {
          node.children.forEach(function (c) {
            add(node.block + "." + r.n + "." + c.col, checkOne(c, r.cells[c.col], msg, c.label + " (" + node.row + " " + (i + 1) + ")"));
          });
        });
      } else if (node.type === "omit") {
        node.children.forEach(function (c) {
          var ticked = Array.isArray(values[c.name]) ? values[c.name] : [];
          if (!ticked.length) { return; }
          if (chosenForms.length && chosenForms.indexOf(c.form) === -1) {
            add(c.name, format(msg.check_omit_form, { label: c.label }));
          } else if (c.sections.every(function (s) { return ticked.indexOf(s) !== -1; })) {
            add(c.name, format(msg.check_omit_all, { label: c.label }));
          }
        });
      }
    });
    return out;
  }

  var api = { luminance: luminance, contrast: contrast, contrastWithWhite: contrastWithWhite, ratioText: ratioText,
              yamlString: yamlString, dump: dump, profileFrom: profileFrom, profileYaml: profileYaml, fileName: fileName,
              idFromFileName: idFromFileName, valuesFrom: valuesFrom, keptFromUnplaced: keptFromUnplaced, refusal: refusal,
              checks: checks, checkOne: checkOne, putBack: putBack, format: format, MAX_BYTES: MAX_BYTES };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (!root || typeof document === "undefined") { return; }
  root.DKKProfileBuilder = api;

  // ---- the page --------------------------------------------------------------------------------------

  var script = document.currentScript;
  var SITE_ROOT = script && script.src ? script.src.replace(/assets\/javascripts\/profile-builder\.js(\?.*)?$/, "") : "";

  function element(tag, cls, content) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (content !== undefined) { el.textContent = content; }
    return el;
  }

  function remove(node) { if (node && node.parentNode) { node.parentNode.removeChild(node); } }

  var yamlLoading = null;

  function loadYamlLibrary(path) {
    if (root.jsyaml) { return Promise.resolve(root.jsyaml); }
    if (!yamlLoading) {
      yamlLoading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = SITE_ROOT + path;
        s.onload = function () { resolve(root.jsyaml); };
        s.onerror = function () { yamlLoading = null; reject(new Error("kunne ikke indlæse " + path)); };
        document.head.appendChild(s);
      });
    }
    return yamlLoading;
  }

  function parseJson(attribute) {
    try { return JSON.parse(attribute || "null"); } catch (err) { return null; }
  }

  function setup(page) {
    var spec = parseJson(page.getAttribute("data-builder"));
    var msg = parseJson(page.getAttribute("data-builder-messages")) || {};
    var forms = root.DKKForms && root.DKKForms.api(page);
    if (!spec || !forms) { return; }
    var form = forms.form;
    var file = page.querySelector("input.tb-profile-file");
    var kept = [];

    function control(name) { return form.querySelector('[name="' + name + '"]'); }

    // the profile's name in the commands below the form, as it is typed
    function showId() {
      var id = text(forms.values(), spec.id.name);
      var shown = new RegExp(spec.id.pattern).test(id) ? id : "NAVN";
      Array.prototype.forEach.call(document.querySelectorAll(".tb-profile-id"), function (el) { el.textContent = shown; });
    }

    // every colour: a swatch and its contrast with white, as it is typed
    var colours = [];
    spec.fields.forEach(function (node) {
      (node.children || [node]).forEach(function (c) {
        if (!c.contrast || !c.name) { return; }
        var input = control(c.name);
        if (!input) { return; }
        var box = element("div", "tb-contrast");
        var swatch = element("span", "tb-swatch");
        swatch.setAttribute("aria-hidden", "true");
        var line = element("span", "tb-contrast-text");
        line.id = input.id + "-contrast";
        line.setAttribute("aria-live", "polite");
        box.appendChild(swatch);
        box.appendChild(line);
        input.parentNode.insertBefore(box, input.nextSibling);
        var ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
        ids.push(line.id);
        input.setAttribute("aria-describedby", ids.join(" "));
        colours.push({ node: c, input: input, swatch: swatch, line: line });
      });
    });

    function showContrast() {
      colours.forEach(function (c) {
        var v = c.input.value.trim();
        var said;
        if (new RegExp(c.node.pattern).test(v)) {
          var ratio = contrastWithWhite(v);
          var low = ratio < c.node.contrast;
          said = format(low ? msg.contrast_low : msg.contrast, { ratio: ratioText(ratio), min: String(c.node.contrast).replace(".", ",") });
          c.swatch.style.backgroundColor = v;
          c.swatch.classList.add("tb-swatch-on");
          c.line.parentNode.classList.toggle("tb-contrast-low", low);
        } else {
          said = msg.contrast_none;
          c.swatch.style.backgroundColor = "";
          c.swatch.classList.remove("tb-swatch-on");
          c.line.parentNode.classList.remove("tb-contrast-low");
        }
        if (c.line.textContent !== said) { c.line.textContent = said; }
      });
    }

    function showKept() {
      remove(page.querySelector(".tb-notice"));
      if (!kept.length) { return; }
      var box = element("section", "tb-notice");
      box.setAttribute("aria-labelledby", "tb-notice-title-builder");
      var h = element("h2", "tb-notice-title", msg.kept_title);
      h.id = "tb-notice-title-builder";
      box.appendChild(h);
      box.appendChild(element("p", "", msg.kept_lead));
      var list = element("ul", "tb-notice-list");
      kept.forEach(function (k) {
        var li = element("li");
        li.setAttribute("data-path", k.path.join("."));
        li.appendChild(element("strong", "", k.path.join(".") + ":"));
        li.appendChild(document.createTextNode(" " + JSON.stringify(k.value)));
        list.appendChild(li);
      });
      box.appendChild(list);
      form.parentNode.insertBefore(box, form);
    }

    function check() {
      var byName = {};
      forms.controls().forEach(function (c) { if (!has(byName, c.name)) { byName[c.name] = c.id; } });
      var found = checks(spec, forms.values(), msg).filter(function (p) { return has(byName, p.name); });
      forms.show(found.map(function (p) { return { id: byName[p.name], name: p.name, message: p.message }; }));
    }

    function save() {
      spec.fields.forEach(function (node) { // a list of units with no row left: one empty row to point the check at
        if (node.type === "rows" && node.min > 0 && !form.querySelector('tbody.tb-repeat[data-block="' + node.block + '"] tr')) {
          var add = form.querySelector('button.tb-add[data-block="' + node.block + '"]');
          if (add) { add.click(); }
        }
      });
      var values = forms.values();
      root.DKKForms.download(fileName(spec, values), profileYaml(spec, values, kept), "application/yaml");
      forms.saved();
      forms.say(format(msg.saved, { file: fileName(spec, values) }));
      check();
    }

    function open(textContent, name) {
      var data;
      try {
        data = root.jsyaml.load(textContent, { schema: root.jsyaml.YAML11_SCHEMA, maxAliases: 100, maxDepth: 60 });
      } catch (err) {
        forms.say(msg.not_yaml);
        return;
      }
      if (!isMap(data)) { forms.say(msg.not_profile); return; }
      var refused = refusal(data);
      if (refused) { forms.say(msg[refused]); return; }
      var got = valuesFrom(spec, data);
      got.values[spec.id.name] = idFromFileName(name);
      var unplaced = forms.load(got.values, got.rows);
      kept = got.kept.concat(keptFromUnplaced(unplaced, got.paths));
      showKept();
      showContrast();
      showId();
      forms.say(kept.length ? format(msg.opened_kept, { name: name, n: kept.length }) : format(msg.opened, { name: name }));
    }

    page.addEventListener("click", function (ev) {
      var btn = ev.target.closest && ev.target.closest("button[data-action]");
      if (!btn || !page.contains(btn)) { return; }
      var action = btn.getAttribute("data-action");
      if (action === "save-profile") {
        save();
      } else if (action === "open-profile" && file) {
        if (forms.dirty() && !root.confirm(msg.confirm_open)) { return; }
        file.value = "";
        file.click();
      }
    });

    if (file) {
      file.addEventListener("change", function () {
        var chosen = file.files && file.files[0];
        if (!chosen) { return; }
        if (chosen.size > MAX_BYTES) { forms.say(msg.too_large); return; }
        var reader = new FileReader();
        reader.onload = function () {
          var textContent;
          try {
            textContent = new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(reader.result));
          } catch (err) {
            forms.say(msg.not_yaml);
            return;
          }
          loadYamlLibrary(page.getAttribute("data-yaml")).then(function () {
            open(textContent, chosen.name);
          }, function () {
            forms.say(msg.loading_failed);
          });
        };
        reader.onerror = function () { forms.say(msg.read_error); };
        reader.readAsArrayBuffer(chosen);
      });
    }

    form.addEventListener("input", function () { showContrast(); showId(); });
    form.addEventListener("change", function () { showContrast(); showId(); });
    form.addEventListener("reset", function () { // "Ryd" (forms.js) empties the form: and what was kept
      kept = [];
      setTimeout(function () { showKept(); showContrast(); showId(); }, 0);
    });
    showContrast();
    showId();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".tb-form-page[data-builder]"), function (page) {
      if (!page.hasAttribute("data-builder-ready")) {
        page.setAttribute("data-builder-ready", "");
        setup(page);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})(typeof window !== "undefined" ? window : null);
