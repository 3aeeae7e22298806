/* "Gem som PDF": the form's own published PDF (fillable, tagged PDF/UA-1, made by the build with
 * WeasyPrint) with the user's values in its fields and the saved file attached, made in the browser
 * with pdf-lib (@cantoo/pdf-lib, vendored). Loaded by forms.js only when it is needed.
 *
 * Rows the user added beyond those the published PDF holds go on appendix pages at the end: one
 * group per row, each value in a fillable field of the same name as in the form, tagged like the
 * rest (headings, a table per row with row headers that carry /Scope, each field a /Form element).
 * A filled network map gets its drawing on a page of its own before them ("Netværket som tegning": a
 * /Figure with the text alternative as /Alt and its caption), drawn from the same tree of SVG elements
 * as the page's picture (ecomap.js). "Åbn fil" reads the attached file back (extract). */
(function (root) {
  "use strict";

  var L = root.PDFLib;
  var A4 = [595.28, 841.89];
  var MARGIN = 56;
  var LABEL_WIDTH = 160;

  function base64(text) {
    var bin = root.atob(text);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out;
  }

  function name(n) { return L.PDFName.of(n); }

  function text(t) { return L.PDFHexString.fromText(t); }

  /** The display text of a saved value in a PDF field: a date in Danish order. */
  function shown(kind, value) {
    if (kind === "date") {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (m) { return m[3] + "." + m[2] + "." + m[1]; }
    }
    return value;
  }

  /** Lines of `t` that fit `width` at `size`. */
  function wrap(t, font, size, width) {
    var lines = [];
    String(t).split(/\n/).forEach(function (para) {
      var line = "";
      para.split(/\s+/).forEach(function (word) {
        var next = line ? line + " " + word : word;
        if (line && font.widthOfTextAtSize(next, size) > width) {
          lines.push(line);
          line = word;
        } else {
          line = next;
        }
      });
      lines.push(line);
    });
    return lines;
  }

  /** Writes the appendix pages with their structure elements (the tagging pdf-lib does not do itself). */
  function Appendix(doc, fonts, lang) {
    var ctx = doc.context;
    this.ctx = ctx;
    var structRoot = doc.catalog.lookup(name("StructTreeRoot"), L.PDFDict);
    var documentElem = structRoot.lookup(name("K"), L.PDFArray).lookup(0, L.PDFDict);
    var documentRef = structRoot.lookup(name("K"), L.PDFArray).get(0);
    var parentTree = structRoot.lookup(name("ParentTree"), L.PDFDict);
    var nums = parentTree.lookup(name("Nums"), L.PDFArray);
    var next = 0;
    for (var i = 0; i < nums.size(); i += 2) { next = Math.max(next, nums.lookup(i, L.PDFNumber).asNumber() + 1); }
    var sect = this.elem("Sect", documentRef, null);
    documentElem.lookup(name("K"), L.PDFArray).push(sect.ref);
    this.doc = doc; this.fonts = fonts; this.nums = nums; this.next = next; this.sect = sect;
    this.structRoot = structRoot; this.lang = lang; this.page = null; this.y = 0;
  }

  Appendix.prototype.elem = function (type, parentRef, page, extra) {
    var d = this.ctx.obj({ Type: "StructElem", S: type, P: parentRef, K: [] });
    if (page) { d.set(name("Pg"), page.ref); }
    if (extra) { Object.keys(extra).forEach(function (k) { d.set(name(k), extra[k]); }); }
    return { dict: d, ref: this.ctx.register(d) };
  };

  Appendix.prototype.child = function (type, parent, extra) {
    var e = this.elem(type, parent.ref, this.page, extra);
    parent.dict.lookup(name("K"), L.PDFArray).push(e.ref);
    return e;
  };

  Appendix.prototype.newPage = function () {
    var page = this.doc.addPage(A4);
    var key = this.next++;
    page.node.set(name("StructParents"), L.PDFNumber.of(key));
    page.node.set(name("Tabs"), name("S"));
    var mcids = this.ctx.obj([]);
    this.nums.push(L.PDFNumber.of(key));
    this.nums.push(mcids);
    this.page = page;
    this.mcids = mcids;
    this.y = A4[1] - MARGIN;
  };

  Appendix.prototype.room = function (height) {
    if (!this.page || this.y - height < MARGIN) { this.newPage(); }
  };

  /** What `draw` puts on the page, as marked content of the structure element `e`. */
  Appendix.prototype.marked = function (e, draw) {
    var mcid = this.mcids.size();
    this.mcids.push(e.ref);
    e.dict.lookup(name("K"), L.PDFArray).push(L.PDFNumber.of(mcid));
    if (!e.dict.has(name("Pg"))) { e.dict.set(name("Pg"), this.page.ref); }
    var page = this.page;
    page.pushOperators(L.PDFOperator.of(L.PDFOperatorNames.BeginMarkedContentSequence,
                                        [name(String(e.dict.get(name("S"))).slice(1)), this.ctx.obj({ MCID: mcid })]));
    var out = draw(page);
    page.pushOperators(L.PDFOperator.of(L.PDFOperatorNames.EndMarkedContent, []));
    return out;
  };

  /** Text drawn as marked content of the structure element `e`. */
  Appendix.prototype.text = function (e, lines, size, bold, x) {
    var y = this.y;
    var font = bold ? this.fonts.bold : this.fonts.regular;
    return this.marked(e, function (page) {
      lines.forEach(function (line) {
        y -= size * 1.3;
        page.drawText(line, { x: x || MARGIN, y: y + size * 0.25, size: size, font: font });
      });
      return y;
    });
  };

  function color(hex) {
    var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || "");
    return m ? L.rgb(parseInt(m[1], 16) / 255, parseInt(m[2], 16) / 255, parseInt(m[3], 16) / 255) : undefined;
  }

  /** One element of the drawing's tree (ecomap.js) and its children, in the drawing's own units: `at`
   * is where its top left corner goes on the page and how many points one unit is. */
  function drawNode(page, node, at, fonts) {
    if (typeof node === "string" || node.tag === "title") { return; }
    var a = node.attrs;
    var num = function (k) { return Number(a[k] || 0); };
    var stroke = { borderColor: color(a.stroke), borderWidth: a.stroke ? num("stroke-width") || 1 : 0,
                   borderDashArray: a["stroke-dasharray"] ? a["stroke-dasharray"].split(" ").map(Number) : undefined,
                   color: a.fill && a.fill !== "none" ? color(a.fill) : undefined,
                   x: at.x, y: at.y, scale: at.scale };
    var path = null;
    if (node.tag === "rect") {
      path = "M" + num("x") + " " + num("y") + " h" + num("width") + " v" + num("height") + " h" + -num("width") + " Z";
    } else if (node.tag === "line") {
      path = "M" + num("x1") + " " + num("y1") + " L" + num("x2") + " " + num("y2");
    } else if (node.tag === "polyline" || node.tag === "polygon") {
      path = "M" + a.points.split(" ").join(" L") + (node.tag === "polygon" ? " Z" : "");
    } else if (node.tag === "ellipse") {
      page.drawEllipse({ x: at.x + num("cx") * at.scale, y: at.y - num("cy") * at.scale, xScale: num("rx") * at.scale,
                         yScale: num("ry") * at.scale, color: stroke.color, borderColor: stroke.borderColor,
                         borderWidth: stroke.borderWidth * at.scale });
    } else if (node.tag === "text") {
      var t = node.children.join("");
      var font = a["font-weight"] === "700" ? fonts.bold : fonts.regular;
      var size = num("font-size") * at.scale;
      var w = font.widthOfTextAtSize(t, size);
      var dx = a["text-anchor"] === "middle" ? w / 2 : a["text-anchor"] === "end" ? w : 0;
      page.drawText(t, { x: at.x + num("x") * at.scale - dx, y: at.y - num("y") * at.scale, size: size, font: font });
    }
    if (path) { page.drawSvgPath(path, stroke); }
    node.children.forEach(function (c) { drawNode(page, c, at, fonts); });
  }

  /** The drawing of the network map on a page of its own: a /Figure with its caption, the text
   * alternative as /Alt, and the picture as one piece of marked content. */
  Appendix.prototype.figure = function (drawing) {
    var picture = drawing.picture;
    this.newPage();
    var fig = this.child("Figure", this.sect, { Alt: text(picture.alt) });
    var caption = this.child("Caption", fig);
    this.y = this.text(caption, [drawing.caption], 16, true) - 12;
    var width = A4[0] - 2 * MARGIN;
    var scale = Math.min(width / picture.width, (this.y - MARGIN) / picture.height);
    var at = { x: MARGIN + (width - picture.width * scale) / 2, y: this.y, scale: scale };
    fig.dict.set(name("A"), this.ctx.obj({ O: "Layout", BBox: [at.x, at.y - picture.height * scale,
                                                               at.x + picture.width * scale, at.y] }));
    var fonts = this.fonts;
    this.marked(fig, function (page) { drawNode(page, picture.svg, at, fonts); });
    this.y -= picture.height * scale;
  };

  Appendix.prototype.block = function (type, t, size, bold) {
    var lines = wrap(t, bold ? this.fonts.bold : this.fonts.regular, size, A4[0] - 2 * MARGIN);
    this.room(lines.length * size * 1.3 + 6);
    var e = this.child(type, this.sect);
    this.y = this.text(e, lines, size, bold) - 6;
  };

  /** A fillable text field of the row, tagged as a /Form element inside `cell`. */
  Appendix.prototype.field = function (form, cell, c, height) {
    var field = form.getFieldMaybe(c.field) ? null : form.createTextField(c.field);
    if (!field) { return; }
    if (c.multiline) { field.enableMultiline(); }
    field.setText(c.text || "");
    field.acroField.dict.set(name("TU"), text(c.title));
    var x = MARGIN + LABEL_WIDTH;
    field.addToPage(this.page, { x: x, y: this.y - height, width: A4[0] - MARGIN - x, height: height,
                                 font: this.fonts.regular, borderWidth: 0.75,
                                 borderColor: L.rgb(0.4, 0.4, 0.4), backgroundColor: L.rgb(1, 1, 1) });
    field.setFontSize(10);
    field.updateAppearances(this.fonts.regular);
    var widget = field.acroField.getWidgets()[0];
    var widgetRef = this.ctx.getObjectRef(widget.dict);
    var key = this.next++;
    widget.dict.set(name("StructParent"), L.PDFNumber.of(key));
    var objr = this.ctx.register(this.ctx.obj({ Type: "OBJR", Obj: widgetRef, Pg: this.page.ref }));
    var formElem = this.child("Form", cell);
    formElem.dict.lookup(name("K"), L.PDFArray).push(objr);
    this.nums.push(L.PDFNumber.of(key));
    this.nums.push(formElem.ref);
    form.markFieldAsClean(field.ref);
  };

  /** One added row: a heading with the row's name and a table, a row per value: header (its column), field. */
  Appendix.prototype.row = function (form, r, lastTable) {
    var heights = r.cells.map(function (c) { return c.multiline ? 46 : 20; });
    var total = heights.reduce(function (a, b) { return a + b + 6; }, 0) + 60;
    this.room(total);
    if (r.table !== lastTable) {
      var h2 = this.child("H2", this.sect);
      this.y = this.text(h2, [r.table], 13, true) - 4;
    }
    var h3 = this.child("H3", this.sect);
    this.y = this.text(h3, [r.name], 11, true) - 4;
    var table = this.child("Table", this.sect);
    var self = this;
    r.cells.forEach(function (c, k) {
      var tr = self.child("TR", table);
      var th = self.child("TH", tr, { A: self.ctx.obj({ O: "Table", Scope: "Row" }) });
      var top = self.y;
      var lines = wrap(c.label || " ", self.fonts.regular, 10, LABEL_WIDTH - 8);
      self.text(th, lines, 10, false);
      var td = self.child("TD", tr, { A: self.ctx.obj({ O: "Table" }) });
      self.y = top;
      self.field(form, td, c, heights[k]);
      self.y = top - Math.max(heights[k], lines.length * 13) - 6;
    });
    this.y -= 8;
  };

  /** The filled PDF as bytes. input: see pdfInput() in forms.js. */
  function make(input) {
    var blank = base64(input.blank);
    var doc;
    return L.PDFDocument.load(blank, { updateMetadata: false }).then(function (d) {
      doc = d;
      doc.registerFontkit(root.fontkit);
      return Promise.all([doc.embedFont(base64(input.fonts.regular), { subset: false }),
                          doc.embedFont(base64(input.fonts.bold), { subset: false })]);
    }).then(function (embedded) {
      var fonts = { regular: embedded[0], bold: embedded[1] };
      var form = doc.getForm();
      // the fields' default appearance names the font; viewers that redraw a field find it in /DR
      var af = form.acroForm.dict;
      var dr = af.lookup(name("DR"), L.PDFDict) || doc.context.obj({});
      af.set(name("DR"), dr);
      var drFonts = dr.lookup(name("Font"), L.PDFDict) || doc.context.obj({});
      dr.set(name("Font"), drFonts);
      drFonts.set(name(fonts.regular.name), fonts.regular.ref);
      var values = input.data.values;
      var extra = [];
      Object.keys(values).forEach(function (key) {
        var v = values[key];
        var kind = input.kinds[key];
        if (Array.isArray(v)) { // a multichoice field: one checkbox per choice, NAME.CHOICE
          v.forEach(function (choice) {
            var box = form.getFieldMaybe(key + "." + choice);
            if (box instanceof L.PDFCheckBox) { box.check(); form.markFieldAsClean(box.ref); } else { extra.push(key); }
          });
          return;
        }
        var field = form.getFieldMaybe(key);
        if (field instanceof L.PDFTextField) {
          field.setText(shown(kind, v));
          field.updateAppearances(fonts.regular);
          form.markFieldAsClean(field.ref);
        } else if (field instanceof L.PDFCheckBox) {
          field.check();
          form.markFieldAsClean(field.ref);
        } else if (field instanceof L.PDFRadioGroup) {
          field.select(v);
          form.markFieldAsClean(field.ref);
        } else {
          extra.push(key);
        }
      });
      if (input.drawing) { new Appendix(doc, fonts, input.lang).figure(input.drawing); }
      var rows = input.rows.filter(function (r) {
        return r.cells.length && !form.getFieldMaybe(r.cells[0].field);
      });
      if (rows.length || input.kept.length) {
        var ap = new Appendix(doc, fonts, input.lang);
        ap.block("H1", input.msg.pdf_appendix_title, 16, true);
        if (rows.length) {
          ap.block("P", input.msg.pdf_appendix_lead, 10.5, false);
          var last = null;
          rows.forEach(function (r) { ap.row(form, r, last); last = r.table; });
        }
        if (input.kept.length) {
          ap.block("H2", input.keptTitle, 13, true);
          ap.block("P", input.msg.kept_lead, 10.5, false);
          input.kept.forEach(function (k) { ap.block("P", k.label + ": " + k.text, 10.5, false); });
        }
      }
      var now = new Date();
      return doc.attach(new TextEncoder().encode(input.json), input.jsonName, {
        mimeType: "application/json", description: input.msg.pdf_attachment,
        creationDate: now, modificationDate: now, afRelationship: L.AFRelationship.Source
      });
    }).then(function () {
      return doc.save({ updateFieldAppearances: false });
    });
  }

  /** The saved file attached to a PDF made by "Gem som PDF", as text; null when it has none. */
  function extract(bytes) {
    return L.PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: false }).then(function (doc) {
      var files = doc.getAttachments().filter(function (a) { return /\.json$/i.test(a.name); });
      if (!files.length) { return null; }
      return new TextDecoder("utf-8").decode(files[0].data);
    });
  }

  root.DKKFormsPdf = { make: make, extract: extract, shown: shown, wrap: wrap };
})(window);
