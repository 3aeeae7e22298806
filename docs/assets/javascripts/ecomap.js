/* Netværket som tegning: the network map drawn as an ecomap. The one layout of the toolbox: the form
 * page draws with it as the user types (an inline SVG), "Gem som PDF" draws its tree into the PDF, and
 * the build runs this file with Node (`node ecomap.js`, JSON on stdin) for the course cases' pages and
 * the filled PDFs of `toolbox fill`. Same data, same SVG: nothing here depends on the time, the page,
 * the fonts installed or the order of object keys.
 *
 * The picture: the citizen in the centre; around it, clockwise from the top, one shaded sector per
 * table of the form (its name by its first box) with a box per person the citizen has contact with (role, name);
 * a line from the citizen to each box, styled by the connection (double, dashed, zigzag, thin), never
 * by colour alone; a double frame for those in the coordinating meeting; a legend below.
 *
 * Layout: the boxes stand outside a rectangle with round corners around the citizen, the middle of the
 * side that faces the citizen on the rectangle (so no line passes behind a box). Going round, each box
 * takes the first place, 4 units at a time, where neither it nor its line touches anything already
 * placed; when they do not all fit, the rectangle grows taller and it starts again. The length left
 * over is then shared out between the boxes, a sector's first box taking twice a share. Text widths
 * are estimated from fixed widths per character, rounded up from DejaVu Sans (the widest sans a browser
 * falls back to) and Source Sans 3 (the PDFs' font), so that no label runs out of its box. */
(function (root) {
  "use strict";

  var W = 1000;                  // width of the drawing (SVG units); the height follows from the data
  var MARGIN = 16;
  var FS = 16;                   // font size of every label
  // the PDFs' font first; in the page, where it is not loaded, the site's own (Material's system fonts)
  var FONTS = "'Source Sans 3', -apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif";
  var LH = 20;                   // line height
  var PAD_X = 8, PAD_Y = 6;      // inside a box
  var TEXT_W = 232;              // widest line of a box
  var GAP = 10;                  // between two boxes
  var CLEAR = 4;                 // between a line and a box it passes
  var STEP = 4;                  // how far a box moves along the shape when it does not fit
  var MAX_ACTORS = 400;          // every row of every block of the form fits below this

  // Widths in em, rounded up to a tenth: for each width the characters that are at most that wide.
  // Any other character counts as 1.0 em (1.2 em bold).
  var WIDTHS = {
    regular: [[0.3, "'IijlÌÍÎÏìíîïı"], [0.4, " (),-./:;[\\]ft|¦·"], [0.5, "!\"*J_r¡§ª°²³¹º"],
              [0.6, "?FL`cksvxyz¨¯´¸¿çýÿ"],
              [0.7, "$0123456789ABCEKPRSTVXYZabdeghnopqu{}¢£¤¥«µ¶»ÀÁÂÃÄÅÇÈÉÊËÝÞßàáâãäåèéêëðñòóôõöøùúûüþ"],
              [0.8, "&DGHNOQUÐÑÒÓÔÕÖØÙÚÛÜ"], [0.9, "#+<=>M^w~¬±×÷"], [1.0, "%@Wm©®¼½¾Ææ"]],
    bold: [[0.4, " ',./:;I\\ijl|¦·ÌÍÎÏìíîïı"], [0.5, "!()-[]_frt¡°²³¹"], [0.6, "\"*?J`csz§¨ª¯´¸º¿ç"],
           [0.7, "$0123456789EFLTaekovxy¢£¤¥«¶»ÈÉÊËàáâãäåèéêëðòóôõöøýÿ"],
           [0.8, "ABCKPRSVXYZbdghnpqu{}µÀÁÂÃÄÅÇÝÞßñùúûüþ"], [0.9, "#&+<=>DGHNOQU^~¬±ÐÑÒÓÔÕÖ×ØÙÚÛÜ÷"],
           [1.0, "@Mw©®"], [1.1, "%m¼½¾Ææœ"]]
  };
  var OTHER = { regular: 1.0, bold: 1.2 };
  var EM = { regular: {}, bold: {} };
  Object.keys(WIDTHS).forEach(function (weight) {
    WIDTHS[weight].forEach(function (pair) {
      for (var i = 0; i < pair[1].length; i++) { EM[weight][pair[1][i]] = pair[0]; }
    });
  });

  // How each connection (a choice id of the column `forbindelse`) is drawn; `null` is "not given".
  var LINES = {
    staerk: { style: "double", color: "#1b5e20" },
    svag: { style: "dashed", color: "#3d3d3d" },
    anstrengt: { style: "zigzag", color: "#b71c1c" },
    "null": { style: "thin", color: "#595959" }
  };
  var SHADES = ["#eef2f7", "#ffffff", "#f6f1ea"];

  // ---- text --------------------------------------------------------------------------------

  function textWidth(text, bold) {
    var table = EM[bold ? "bold" : "regular"], other = OTHER[bold ? "bold" : "regular"], em = 0;
    for (var i = 0; i < text.length; i++) {
      var w = table[text[i]];
      em += w === undefined ? other : w;
    }
    return em * FS;
  }

  function format(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function clean(value) {
    return typeof value === "string" ? value.replace(/\s+/g, " ").trim() : "";
  }

  /** The lines of `text` no wider than `width`, at most `max` of them (the last shortened with "…").
   * Lines break at spaces, after a hyphen or a slash, and inside a word only when it must. */
  function wrap(text, bold, width, max) {
    var lines = [];
    var line = "";
    function put(piece, joiner) {
      while (textWidth(piece, bold) > width) { // wider than the box: cut where it must be cut
        var cut = piece.length - 1;
        while (cut > 1 && textWidth(piece.slice(0, cut), bold) > width) { cut--; }
        if (line) { lines.push(line); line = ""; }
        lines.push(piece.slice(0, cut));
        piece = piece.slice(cut);
      }
      var next = line ? line + joiner + piece : piece;
      if (line && textWidth(next, bold) > width) {
        lines.push(line);
        line = piece;
      } else {
        line = next;
      }
    }
    clean(text).split(" ").forEach(function (word) {
      (word.match(/[^\/-]+[\/-]*|[\/-]+/g) || []).forEach(function (piece, k) { put(piece, k ? "" : " "); });
    });
    if (line) { lines.push(line); }
    if (lines.length > max) {
      var last = lines[max - 1] + " " + lines[max];
      while (last.length > 1 && textWidth(last + "…", bold) > width) { last = last.slice(0, -1).replace(/\s+$/, ""); }
      lines = lines.slice(0, max - 1).concat([last + "…"]);
    }
    return lines;
  }

  // ---- the data ------------------------------------------------------------------------------

  /** Who is drawn: the citizen, and per sector the people the citizen has contact with, from the form's
   * values (as the saved file has them). `desc` is the form's description (toolbox/render/ecomap.py). */
  function actors(desc, values) {
    values = values || {};
    var col = desc.columns;
    var known = {};
    desc.connections.forEach(function (c) { known[c.id] = c.label; });
    function get(name) { return Object.prototype.hasOwnProperty.call(values, name) ? clean(values[name]) : ""; }
    var count = 0;
    var sectors = desc.sectors.map(function (s) {
      var list = [];
      function add(prefix, role) {
        if (get(prefix + "." + col.contact) !== "ja" || count >= MAX_ACTORS) { return; }
        var connection = get(prefix + "." + col.connection);
        list.push({ role: role, name: get(prefix + "." + col.name),
                    connection: Object.prototype.hasOwnProperty.call(known, connection) ? connection : null,
                    meeting: col.meeting ? get(prefix + "." + col.meeting) === "ja" : false });
        count++;
      }
      s.rows.forEach(function (r) {
        if (!r.repeat) { add(s.name + "." + r.id, r.label); return; }
        var block = s.name + "." + r.id + ".";
        var seen = {};
        Object.keys(values).forEach(function (name) {
          var m = name.slice(0, block.length) === block ? /^(\d{1,4})\.[^.]+$/.exec(name.slice(block.length)) : null;
          if (m) { seen[Number(m[1])] = true; }
        });
        Object.keys(seen).map(Number).sort(function (a, b) { return a - b; }).forEach(function (n) {
          add(block + n, get(block + n + ".label") || r.repeat);
        });
      });
      return { label: s.label, actors: list };
    });
    return { citizen: get(desc.citizen) || desc.texts.citizen, sectors: sectors, count: count };
  }

  // ---- the layout ----------------------------------------------------------------------------

  function overlaps(a, b, gap) {
    return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
  }

  /** Does the segment (x1,y1)-(x2,y2) pass through the rectangle grown by `pad`? (Liang-Barsky) */
  function crosses(x1, y1, x2, y2, r, pad) {
    if (Math.max(x1, x2) < r.x - pad || Math.min(x1, x2) > r.x + r.w + pad ||
        Math.max(y1, y2) < r.y - pad || Math.min(y1, y2) > r.y + r.h + pad) { return false; }
    var dx = x2 - x1, dy = y2 - y1, t0 = 0, t1 = 1;
    var p = [-dx, dx, -dy, dy];
    var q = [x1 - (r.x - pad), r.x + r.w + pad - x1, y1 - (r.y - pad), r.y + r.h + pad - y1];
    for (var i = 0; i < 4; i++) {
      if (p[i] === 0) {
        if (q[i] < 0) { return false; }
      } else {
        var t = q[i] / p[i];
        if (p[i] < 0) { if (t > t1) { return false; } if (t > t0) { t0 = t; } } else { if (t < t0) { return false; } if (t < t1) { t1 = t; } }
      }
    }
    return t0 < t1;
  }

  /** The length of the shape the boxes stand around: a rectangle with half-sides a, b and round corners. */
  function corner(a, b) { return Math.min(a, b) / 2; }

  function perimeter(a, b) {
    var r = corner(a, b);
    return 4 * (a - r) + 4 * (b - r) + 2 * Math.PI * r;
  }

  /** The point `s` along the shape, from the middle of its top, clockwise, and which side of the
   * picture it is on (a corner's first half belongs to the side before it, its second to the next). */
  function onShape(s, a, b) {
    var r = corner(a, b), q = Math.PI * r / 2;
    var parts = [a - r, q, 2 * (b - r), q, 2 * (a - r), q, 2 * (b - r), q, a - r];
    var k = 0;
    while (k < parts.length - 1 && s > parts[k]) { s -= parts[k]; k++; }
    var t = s / r, half = s < q / 2;
    switch (k) {
      case 0: return [s, -b, "top"];
      case 1: return [a - r + r * Math.sin(t), -b + r - r * Math.cos(t), half ? "top" : "right"];
      case 2: return [a, -b + r + s, "right"];
      case 3: return [a - r + r * Math.cos(t), b - r + r * Math.sin(t), half ? "right" : "bottom"];
      case 4: return [a - r - s, b, "bottom"];
      case 5: return [-a + r - r * Math.sin(t), b - r + r * Math.cos(t), half ? "bottom" : "left"];
      case 6: return [-a, b - r - s, "left"];
      case 7: return [-a + r - r * Math.cos(t), -b + r - r * Math.sin(t), half ? "left" : "top"];
      default: return [-a + r + s, -b, "top"];
    }
  }

  /** Where the line from the centre towards (x, y) leaves the ellipse rx, ry. */
  function onEllipse(x, y, rx, ry) {
    var t = 1 / Math.sqrt((x / rx) * (x / rx) + (y / ry) * (y / ry));
    return [x * t, y * t];
  }

  function items(data) {
    var out = [];
    data.sectors.forEach(function (s, k) {
      s.actors.forEach(function (a, i) {
        var lines = wrap(a.role, true, TEXT_W, 3).map(function (t) { return { text: t, bold: true }; });
        if (a.name) { lines = lines.concat(wrap(a.name, false, TEXT_W, 2).map(function (t) { return { text: t, bold: false }; })); }
        // the first person of a sector carries the sector's name, on the side away from the citizen
        out.push({ sector: k, weight: i === 0 ? 2 : 1, lines: lines, actor: a,
                   head: i === 0 ? wrap(s.label, true, TEXT_W + 2 * PAD_X, 2) : [] });
      });
    });
    out.forEach(function (it) {
      var widest = Math.max.apply(null, it.lines.map(function (l) { return textWidth(l.text, l.bold); }));
      it.frame = it.actor.meeting ? 4 : 0;  // the double frame's inner line
      it.bw = Math.max(Math.ceil(widest) + 2 * PAD_X, 60) + 2 * it.frame;
      it.bh = it.lines.length * LH + 2 * PAD_Y + 2 * it.frame;
      it.hh = it.head.length ? it.head.length * LH + 4 : 0;
      var headW = Math.max.apply(null, [0].concat(it.head.map(function (t) { return Math.ceil(textWidth(t, true)); })));
      it.w = Math.max(it.bw, headW);
      it.h = it.bh + it.hh;
    });
    return out;
  }

  /** The item placed outside the point (x, y) of the shape, on `side` of the picture: the middle of the
   * box's side that faces the citizen is at (x, y), and the sector's name, if any, never further in
   * than the box.
   * Returns the whole rectangle, the box's, where the line ends, and where the name goes. */
  function at(it, x, y, side) {
    var b = { w: it.bw, h: it.bh };
    if (side === "left" || side === "right") {
      b.x = side === "right" ? x : x - it.bw;
      b.y = y - it.bh / 2;
    } else {
      b.x = x - it.bw / 2;
      b.y = side === "bottom" ? y : y - it.bh;
    }
    // the name of a sector goes before its first box, going round: above it on the right, below it on
    // the left, and outwards at the top and the bottom
    var above = side === "top" || side === "right";
    var left = side === "right" ? b.x : side === "left" ? b.x + it.bw - it.w : b.x + it.bw / 2 - it.w / 2;
    var all = { x: left, y: above ? b.y - it.hh : b.y, w: it.w, h: it.h };
    return { rect: all, box: b, above: above, side: side, end: [x, y] };
  }

  /** One round: each item at the first angle from where the last one stood (plus its share of
   * `slack`) where it fits; null when they do not all fit in one turn. */
  function sweep(list, a, b, citizen, slack) {
    var placed = [];
    var along = 0, length = perimeter(a, b);
    for (var i = 0; i < list.length; i++) {
      var it = list[i];
      if (i > 0) { along += it.weight * slack; }
      var spot = null;
      for (; !spot; along += STEP) {
        if (along >= length) { return null; }
        var p = onShape(along, a, b);
        var candidate = at(it, p[0], p[1], p[2]);
        candidate.link = link(candidate.end, citizen);
        if (fits(candidate, placed, citizen)) { spot = candidate; }
      }
      along -= STEP;
      spot.item = it;
      spot.along = along;
      spot.theta = Math.atan2(spot.end[0], -spot.end[1]);
      if (spot.theta < 0) { spot.theta += 2 * Math.PI; }
      placed.push(spot);
    }
    return placed;
  }

  function link(end, citizen) {
    var start = onEllipse(end[0], end[1], citizen.rx, citizen.ry);
    return [start[0], start[1], end[0], end[1]];
  }

  function fits(spot, placed, citizen) {
    var r = spot.rect, own = spot.link;
    if (overlaps(r, citizen.rect, GAP)) { return false; }
    for (var j = 0; j < placed.length; j++) {
      var o = placed[j];
      if (overlaps(r, o.rect, GAP)) { return false; }
      if (crosses(own[0], own[1], own[2], own[3], o.rect, CLEAR)) { return false; }
      if (crosses(o.link[0], o.link[1], o.link[2], o.link[3], r, CLEAR)) { return false; }
    }
    return true;
  }

  function citizenShape(name) {
    var lines = wrap(name, true, 220, 2);
    var widest = Math.max.apply(null, lines.map(function (t) { return textWidth(t, true); }));
    var rx = Math.max(widest / 2 + 30, 80), ry = lines.length * LH / 2 + 18;
    return { lines: lines, rx: rx, ry: ry, rect: { x: -rx, y: -ry, w: 2 * rx, h: 2 * ry } };
  }

  /** Positions of everything, centred on the citizen at (0, 0). */
  function place(data) {
    var list = items(data);
    var citizen = citizenShape(data.citizen);
    if (!list.length) { return { list: [], placed: [], citizen: citizen, a: 0, b: 0 }; }
    var widest = Math.max.apply(null, list.map(function (it) { return it.w; }));
    var a = W / 2 - MARGIN - widest;
    // the boxes stacked down the sides need about this much of the shape's length; start a little short
    var needed = list.reduce(function (sum, it) { return sum + it.h + GAP; }, 0);
    var b = Math.max(200, citizen.ry + 140, (needed - 4 * a) / 4);
    var placed = null;
    while (!(placed = sweep(list, a, b, citizen, 0))) { b = Math.ceil(Math.max(b + 20, b * 1.04)); }
    var used = placed[placed.length - 1].along;
    var units = list.reduce(function (n, it) { return n + it.weight; }, 0);
    var slack = (perimeter(a, b) - used) / units;
    for (var k = 0; k < 12 && slack > STEP; k++, slack *= 0.8) {
      var spread = sweep(list, a, b, citizen, slack);
      if (spread) { placed = spread; break; }
    }
    return { list: list, placed: placed, citizen: citizen, a: a, b: b };
  }

  // ---- the picture -----------------------------------------------------------------------------

  function n(x) { return String(Math.round(x * 10) / 10); }

  function el(tag, attrs, children) { return { tag: tag, attrs: attrs || {}, children: children || [] }; }

  function text(x, y, content, bold, anchor) {
    var a = { x: n(x), y: n(y), "font-size": String(FS) };
    if (bold) { a["font-weight"] = "700"; }
    if (anchor) { a["text-anchor"] = anchor; }
    return el("text", a, [content]);
  }

  function baseline(top, k) { return top + k * LH + 15; }

  /** The line from (x1,y1) to (x2,y2) drawn in the style of `kind` (a key of LINES). */
  function styled(x1, y1, x2, y2, kind) {
    var s = LINES[kind] || LINES["null"];
    var dx = x2 - x1, dy = y2 - y1, len = Math.sqrt(dx * dx + dy * dy) || 1;
    var nx = -dy / len, ny = dx / len;
    if (s.style === "double") {
      return [-2.5, 2.5].map(function (o) {
        return el("line", { x1: n(x1 + nx * o), y1: n(y1 + ny * o), x2: n(x2 + nx * o), y2: n(y2 + ny * o),
                            stroke: s.color, "stroke-width": "2" });
      });
    }
    if (s.style === "zigzag") {
      var points = [n(x1) + "," + n(y1)];
      var steps = Math.max(2, Math.floor(len / 8));
      for (var i = 1; i < steps; i++) {
        var t = i / steps, o = i % 2 ? 5 : -5;
        points.push(n(x1 + dx * t + nx * o) + "," + n(y1 + dy * t + ny * o));
      }
      points.push(n(x2) + "," + n(y2));
      return [el("polyline", { points: points.join(" "), fill: "none", stroke: s.color, "stroke-width": "2",
                               "stroke-linejoin": "round" })];
    }
    var attrs = { x1: n(x1), y1: n(y1), x2: n(x2), y2: n(y2), stroke: s.color,
                  "stroke-width": s.style === "thin" ? "1.25" : "2" };
    if (s.style === "dashed") { attrs["stroke-dasharray"] = "9 6"; }
    return [el("line", attrs)];
  }

  function frame(x, y, w, h, double, fill) {
    var out = [el("rect", { x: n(x), y: n(y), width: n(w), height: n(h), rx: "4", fill: fill || "#ffffff",
                            stroke: "#1a1a1a", "stroke-width": double ? "2" : "1.25" })];
    if (double) {
      out.push(el("rect", { x: n(x + 4), y: n(y + 4), width: n(w - 8), height: n(h - 8), rx: "2", fill: "none",
                            stroke: "#1a1a1a", "stroke-width": "1.25" }));
    }
    return out;
  }

  /** Where the ray from the centre at `theta` leaves the rectangle [x0, x1] x [y0, y1] (centre inside). */
  function toEdge(theta, x0, y0, x1, y1) {
    var dx = Math.sin(theta), dy = -Math.cos(theta);
    var t = Math.min(dx > 0 ? x1 / dx : dx < 0 ? x0 / dx : Infinity, dy > 0 ? y1 / dy : dy < 0 ? y0 / dy : Infinity);
    return [dx * t, dy * t];
  }

  /** The shaded sectors: from the middle between two sectors' neighbouring boxes to the next such middle. */
  function wedges(placed, bounds) {
    var firsts = [];
    placed.forEach(function (p, i) { if (p.item.head.length) { firsts.push(i); } });
    if (firsts.length < 2) { return []; }
    var cuts = firsts.map(function (i) {
      var before = placed[(i - 1 + placed.length) % placed.length].theta;
      var here = placed[i].theta;
      if (i === 0) { before -= 2 * Math.PI; }
      return (before + here) / 2;
    });
    var corners = [[bounds[2], bounds[1]], [bounds[2], bounds[3]], [bounds[0], bounds[3]], [bounds[0], bounds[1]]];
    return cuts.map(function (from, k) {
      var to = k + 1 < cuts.length ? cuts[k + 1] : cuts[0] + 2 * Math.PI;
      var pts = [[0, 0], toEdge(from, bounds[0], bounds[1], bounds[2], bounds[3])];
      var angles = corners.map(function (c) {
        var t = Math.atan2(c[0], -c[1]);
        while (t < from) { t += 2 * Math.PI; }
        return [t, c];
      }).filter(function (ac) { return ac[0] < to; }).sort(function (p, q) { return p[0] - q[0]; });
      angles.forEach(function (ac) { pts.push(ac[1]); });
      pts.push(toEdge(to, bounds[0], bounds[1], bounds[2], bounds[3]));
      var shade = cuts.length % 2 && k === cuts.length - 1 ? SHADES[2] : SHADES[k % 2];
      return { points: pts, fill: shade, sector: placed[firsts[k]].item.sector };
    });
  }

  function legend(desc, data, top) {
    var t = desc.texts;
    var out = [];
    var colW = (W - 2 * MARGIN) / 2;
    var sample = 70;
    var y = top;
    out.push(text(MARGIN, baseline(y, 0), t.legend_title, true));
    y += LH + 8;
    var rows = desc.connections.map(function (c) { return { kind: c.id, label: format(t.connection, { label: c.label }) }; });
    rows.push({ kind: "null", label: t.connection_none });
    var left = y, right = y;
    rows.forEach(function (r) {
      var lines = wrap(r.label, false, colW - sample - 24, 2);
      var mid = left + (lines.length * LH) / 2;
      out = out.concat(styled(MARGIN, mid, MARGIN + sample, mid, r.kind));
      lines.forEach(function (l, k) { out.push(text(MARGIN + sample + 12, baseline(left, k), l, false)); });
      left += lines.length * LH + 10;
    });
    [[false, t.actor], [true, t.meeting]].forEach(function (pair) {
      var x = MARGIN + colW;
      var lines = wrap(pair[1], false, colW - sample - 24, 2);
      var h = Math.max(lines.length * LH, 28);
      out = out.concat(frame(x, right, sample, h, pair[0]));
      lines.forEach(function (l, k) { out.push(text(x + sample + 12, baseline(right + (h - lines.length * LH) / 2, k), l, false)); });
      right += h + 10;
    });
    y = Math.max(left, right) + 4;
    var none = data.sectors.filter(function (s) { return !s.actors.length; }).map(function (s) { return s.label; });
    var notes = data.count ? [] : [t.no_actors];
    if (none.length && data.count) { notes.push(format(t.no_contact, { list: none.join("; ") })); }
    notes.forEach(function (note) {
      wrap(note, false, W - 2 * MARGIN, 4).forEach(function (l) {
        out.push(text(MARGIN, baseline(y, 0), l, false));
        y += LH;
      });
      y += 4;
    });
    return { children: out, bottom: y };
  }

  // ---- the text alternative ----------------------------------------------------------------------

  function altText(desc, data) {
    var t = desc.texts;
    var labels = {};
    desc.connections.forEach(function (c) { labels[c.id] = c.label; });
    var parts = [format(data.count === 0 ? t.alt_none : data.count === 1 ? t.alt_one : t.alt_many,
                        { citizen: data.citizen, n: data.count })];
    data.sectors.forEach(function (s) {
      if (!s.actors.length) { return; }
      parts.push(s.label + ": " + s.actors.map(function (a) {
        var bits = [a.role];
        if (a.name) { bits.push(a.name); }
        if (a.connection) { bits.push(format(t.alt_connection, { label: labels[a.connection].toLowerCase() })); }
        if (a.meeting) { bits.push(t.alt_meeting); }
        return bits.join(", ");
      }).join("; ") + ".");
    });
    var none = data.sectors.filter(function (s) { return !s.actors.length; }).map(function (s) { return s.label; });
    if (none.length && data.count) { parts.push(format(t.no_contact, { list: none.join("; ") }) + "."); }
    return parts.join(" ");
  }

  /** The drawing as a tree of SVG elements ({tag, attrs, children}; a child string is text). */
  function tree(desc, data, id) {
    var laid = place(data);
    var c = laid.citizen;
    var minX = -W / 2, maxX = W / 2;
    var minY = -c.ry - MARGIN, maxY = c.ry + MARGIN;
    laid.placed.forEach(function (p) {
      minY = Math.min(minY, p.rect.y - MARGIN);
      maxY = Math.max(maxY, p.rect.y + p.rect.h + MARGIN);
    });
    var ox = W / 2, oy = -minY;  // from centred coordinates to the SVG's
    var mapBottom = maxY - minY;
    var leg = legend(desc, data, mapBottom + 16);
    var height = Math.ceil(leg.bottom + MARGIN);
    var alt = altText(desc, data);
    var kids = [el("title", { id: id + "-title" }, [alt])];
    kids.push(el("rect", { x: "0", y: "0", width: String(W), height: n(mapBottom), fill: "#ffffff" }));
    wedges(laid.placed, [minX, minY, maxX, maxY]).forEach(function (w) {
      kids.push(el("polygon", { points: w.points.map(function (p) { return n(p[0] + ox) + "," + n(p[1] + oy); }).join(" "),
                                fill: w.fill, "class": "tb-ecomap-sector" }));
    });
    kids.push(el("line", { x1: "0", y1: n(mapBottom), x2: String(W), y2: n(mapBottom), stroke: "#8a8a8a", "stroke-width": "1" }));
    var links = [];
    laid.placed.forEach(function (p) {
      if (!p.link) { return; }
      links = links.concat(styled(p.link[0] + ox, p.link[1] + oy, p.link[2] + ox, p.link[3] + oy, p.item.actor.connection || "null"));
    });
    kids.push(el("g", { "class": "tb-ecomap-links" }, links));
    var person = [el("ellipse", { cx: n(ox), cy: n(oy), rx: n(c.rx), ry: n(c.ry), fill: "#ffffff", stroke: "#1a1a1a", "stroke-width": "2.5" })];
    var top = oy - (c.lines.length * LH) / 2;
    c.lines.forEach(function (l, k) { person.push(text(ox, baseline(top, k), l, true, "middle")); });
    kids.push(el("g", { "class": "tb-ecomap-citizen" }, person));
    laid.placed.forEach(function (p) {
      var it = p.item, b = p.box;
      var x = b.x + ox, y = b.y + oy;
      var parts = frame(x, y, b.w, b.h, it.actor.meeting);
      it.lines.forEach(function (l, k) {
        parts.push(text(x + PAD_X + it.frame, baseline(y + PAD_Y + it.frame, k), l.text, l.bold));
      });
      if (it.head.length) {  // the sector's name, above or below the box, away from the citizen
        var headTop = p.above ? p.rect.y + oy : b.y + oy + b.h + 4;
        var anchor = p.side === "right" ? "start" : p.side === "left" ? "end" : "middle";
        var hx = p.rect.x + ox + (anchor === "start" ? 0 : anchor === "end" ? p.rect.w : p.rect.w / 2);
        var names = it.head.map(function (l, k) { return text(hx, baseline(headTop, k), l, true, anchor); });
        kids.push(el("g", { "class": "tb-ecomap-sector-name" }, names));
      }
      kids.push(el("g", { "class": "tb-ecomap-actor" }, parts));
    });
    kids.push(el("g", { "class": "tb-ecomap-legend" }, leg.children));
    return {
      svg: el("svg", { xmlns: "http://www.w3.org/2000/svg", viewBox: "0 0 " + W + " " + height, role: "img",
                       "aria-labelledby": id + "-title", "class": "tb-ecomap-svg", "font-family": FONTS }, kids),
      alt: alt, width: W, height: height, count: data.count
    };
  }

  // ---- output --------------------------------------------------------------------------------------

  function escape(text, attr) {
    var s = String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return attr ? s.replace(/"/g, "&quot;") : s;
  }

  /** The tree as SVG markup (one line, every value escaped). */
  function markup(node) {
    if (typeof node === "string") { return escape(node, false); }
    var attrs = Object.keys(node.attrs).map(function (k) { return " " + k + '="' + escape(node.attrs[k], true) + '"'; }).join("");
    return "<" + node.tag + attrs + ">" + node.children.map(markup).join("") + "</" + node.tag + ">";
  }

  /** The tree as DOM nodes (the page: text is set as text, never parsed). */
  function dom(doc, node) {
    if (typeof node === "string") { return doc.createTextNode(node); }
    var e = doc.createElementNS("http://www.w3.org/2000/svg", node.tag);
    Object.keys(node.attrs).forEach(function (k) { if (k !== "xmlns") { e.setAttribute(k, node.attrs[k]); } });
    node.children.forEach(function (c) { e.appendChild(dom(doc, c)); });
    return e;
  }

  /** Everything at once: the form's values → the drawing (tree, markup, alternative text). */
  function draw(desc, values, id) {
    var data = actors(desc, values);
    var t = tree(desc, data, id);
    t.markup = markup(t.svg);
    return t;
  }

  /** The form page: draws into `.tb-ecomap[data-ecomap]` of `page`, again whenever `update` is called
   * (`read()` gives the form's values as the saved file has them). */
  function mount(page, read) {
    var section = page.querySelector(".tb-ecomap[data-ecomap]");
    if (!section) { return null; }
    var desc = JSON.parse(section.getAttribute("data-ecomap"));
    var holder = section.querySelector(".tb-ecomap-drawing");
    var last = null, current = null, timer = null;
    function update() {
      if (timer !== null) { root.clearTimeout(timer); timer = null; }
      var data = actors(desc, read());
      var key = JSON.stringify(data);
      if (key === last) { return current; }
      last = key;
      current = tree(desc, data, holder.id);
      while (holder.firstChild) { holder.removeChild(holder.firstChild); }
      holder.appendChild(dom(page.ownerDocument, current.svg));
      section.hidden = false;
      section.classList.toggle("tb-ecomap-empty", current.count === 0);
      return current;
    }
    function later() {
      if (timer === null) { timer = root.setTimeout(update, 120); }
    }
    update();
    return { update: update, later: later, caption: desc.texts.caption };
  }

  var api = { draw: draw, actors: actors, tree: tree, markup: markup, wrap: wrap, textWidth: textWidth,
              mount: mount, LINES: LINES, FS: FS, LH: LH, WIDTHS: WIDTHS, OTHER: OTHER };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (root) { root.DKKEcomap = api; }

  // The build: `node ecomap.js` reads {"drawings": [{"description": …, "values": …, "id": …}]} on stdin
  // and writes [{"svg": …, "alt": …, "count": …}] to stdout.
  if (typeof require !== "undefined" && typeof module !== "undefined" && require.main === module) {
    var input = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", function (chunk) { input += chunk; });
    process.stdin.on("end", function () {
      var job = JSON.parse(input);
      var out = job.drawings.map(function (d) {
        var t = draw(d.description, d.values, d.id);
        return { svg: t.markup, alt: t.alt, count: t.count };
      });
      process.stdout.write(JSON.stringify(out));
    });
  }
})(typeof window !== "undefined" ? window : null);
