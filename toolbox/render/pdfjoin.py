"""Join tagged PDFs (PDF/UA-1, made by WeasyPrint) into one, keeping what makes them accessible.

The Koordinatormappe is rendered in parts side by side (``toolbox.render.mappe``) and joined here
with pikepdf (qpdf), which copies the parts' objects without parsing them in Python and writes
compressed object streams:

- **pages** in order; each part's **structure tree** becomes a ``Part`` element under one
  ``Document`` element, and the parent trees are renumbered (a page's ``StructParents``, a link's
  ``StructParent``), so every tagged content item keeps its element;
- **named destinations** of all parts in one name tree, so a link in one part to an anchor in
  another (written by WeasyPrint as a link to a named destination) works in the whole; a part names
  the anchors it only links to, and their stand-ins are left out;
- **bookmarks** of all parts in order, nested as they were;
- the first part's **catalog entries** (language, ``MarkInfo``, ``ViewerPreferences``, the XMP
  metadata that says PDF/UA-1) and document information;
- the **form fields** of the one part that has any (a filled network map's form, joined with its
  drawing's page: ``toolbox.render.pdf.with_drawing``);
- an **overlay**: page *n* of another PDF drawn on page *n*, as a form XObject marked as a
  pagination artifact (the page numbers "Side X af Y", which no part can know alone); a page that
  has one already (a form's PDF made with :func:`overlay`) gets the new one in its place.

The bytes depend only on the parts (a deterministic file identifier, no dates added).
"""
from __future__ import annotations

import io
import warnings
from typing import Any, Sequence

JOINED = "/Part"  # the structure type each part's Document element becomes


def _nums(tree: Any) -> list[tuple[int, Any]]:
    """The (key, value) pairs of a number tree, its kids included."""
    out: list[tuple[int, Any]] = []
    if "/Nums" in tree:
        nums = tree.Nums
        out += [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
    for kid in tree.get("/Kids", []):
        out += _nums(kid)
    return out


def _names(tree: Any) -> list[tuple[str, Any]]:
    """The (name, value) pairs of a name tree, its kids included."""
    out: list[tuple[str, Any]] = []
    if "/Names" in tree:
        names = tree.Names
        out += [(str(names[i]), names[i + 1]) for i in range(0, len(names), 2)]
    for kid in tree.get("/Kids", []):
        out += _names(kid)
    return out


def _copy(pdf: Any, src: Any, value: Any) -> Any:
    """``value`` of ``src`` in ``pdf`` (a direct object is made indirect in ``src`` first, so that
    the objects it refers to are copied, or found among those already copied)."""
    import pikepdf

    if not isinstance(value, pikepdf.Object) or isinstance(value, (pikepdf.Name, pikepdf.String)) and not value.is_indirect:
        return value
    if not value.is_indirect:
        if not isinstance(value, (pikepdf.Array, pikepdf.Dictionary, pikepdf.Stream)):
            return value
        value = src.make_indirect(value)
    return pdf.copy_foreign(value)


def _copy_outline(items: Any, pages: dict[Any, int], offset: int) -> list[Any]:
    """The bookmarks of a part, pointing at the joined document's pages."""
    import pikepdf

    copied = []
    for item in items:
        dest = item.destination
        if isinstance(dest, (pikepdf.Array, list)) and len(dest) and isinstance(dest[0], pikepdf.Dictionary):
            index = pages.get(dest[0].objgen)
            if index is None:
                continue
            new = pikepdf.OutlineItem(item.title, index + offset, "XYZ",
                                      left=float(dest[2]) if len(dest) > 2 and dest[2] is not None else None,
                                      top=float(dest[3]) if len(dest) > 3 and dest[3] is not None else None)
        else:
            new = pikepdf.OutlineItem(item.title)
        new.children.extend(_copy_outline(item.children, pages, offset))
        copied.append(new)
    return copied


def _overlay(pdf: Any, page: Any, source: Any) -> None:
    """Draw ``source`` (a page of another PDF, copied into ``pdf``) over ``page`` (both
    ``pikepdf.Page``) as a pagination artifact; the page's own content is kept in a ``q``/``Q`` pair."""
    import pikepdf

    # the page's own resources (WeasyPrint's pages may share one dictionary) and a fixed name in
    # them (pikepdf's own names are random, and the bytes must be the same on every build)
    resources = pikepdf.Dictionary(page.obj.get("/Resources", pikepdf.Dictionary()))
    xobjects = pikepdf.Dictionary(resources.get("/XObject", pikepdf.Dictionary()))
    name = pikepdf.Name("/TbOverlay")
    drawn = name in xobjects  # a page overlaid before (a form's PDF joined with its drawing): replaced
    xobjects[name] = source.as_form_xobject()
    resources.XObject = xobjects
    page.obj.Resources = resources
    if drawn:
        return
    page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, b"Q\nq /Artifact <</Type /Pagination /Subtype /Footer>> BDC "
                                     + str(name).encode("ascii") + b" Do EMC Q\n"))


def _save(pdf: Any) -> bytes:
    import pikepdf

    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
             compress_streams=True)
    return out.getvalue()


def overlay(data: bytes, over: bytes) -> bytes:
    """``data`` with page *n* of ``over`` drawn on its page *n*, as the join's overlay is (a form with
    a drawing: its margins, ``toolbox.render.pdf.render_pdf``); all else as it was."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf, pikepdf.open(io.BytesIO(over)) as numbers:
        for page, source in zip(pdf.pages, numbers.pages):
            _overlay(pdf, page, pikepdf.Page(pdf.copy_foreign(source.obj)))
        return _save(pdf)


def join(parts: Sequence[bytes], stand_ins: Sequence[Sequence[str]] = (), overlay: bytes | None = None) -> bytes:
    """One PDF of ``parts`` in order; ``stand_ins[i]`` are the destination names part *i* only links
    to; page *n* of ``overlay`` is drawn on page *n*."""
    import pikepdf

    sources = [pikepdf.open(io.BytesIO(data)) for data in parts]
    pdf = pikepdf.new()
    document = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document))
    tree_root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    kids = pikepdf.Array()
    parent_nums = pikepdf.Array()
    destinations: dict[str, Any] = {}
    outline: list[Any] = []
    next_key = 0
    for index, src in enumerate(sources):
        first = len(pdf.pages)
        own_pages = {p.obj.objgen: i for i, p in enumerate(src.pages)}
        with warnings.catch_warnings():  # named destinations are joined below
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning) if hasattr(pikepdf, "PageCopyWarning") else None
            pdf.pages.extend(src.pages)
        offset = next_key
        tree = src.Root.get("/StructTreeRoot")
        if tree is not None:
            for key, value in _nums(tree.ParentTree) if "/ParentTree" in tree else []:
                parent_nums.append(key + offset)
                parent_nums.append(_copy(pdf, src, value))
                next_key = max(next_key, key + offset + 1)
            top = tree.get("/K")
            items = list(top) if isinstance(top, pikepdf.Array) else [top] if top is not None else []
            for item in items:
                elem = pdf.copy_foreign(item)
                elem.P = document
                if elem.get("/S") == pikepdf.Name.Document:
                    elem.S = pikepdf.Name(JOINED)
                kids.append(elem)
        for page in pdf.pages[first:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annot in page.obj.get("/Annots", []):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + offset
        skip = set(stand_ins[index]) if index < len(stand_ins) else set()
        names = src.Root.get("/Names")
        if names is not None and "/Dests" in names:
            for name, value in _names(names.Dests):
                if name not in skip and name not in destinations:
                    destinations[name] = _copy(pdf, src, value)
        with src.open_outline() as part_outline:
            outline += _copy_outline(part_outline.root, own_pages, first)

    document.K = kids
    document.P = tree_root
    tree_root.K = pikepdf.Array([document])
    tree_root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=parent_nums))
    tree_root.ParentTreeNextKey = next_key
    pdf.Root.StructTreeRoot = tree_root
    dests = pikepdf.Array()
    for name in sorted(destinations):
        dests.append(pikepdf.String(name))
        dests.append(destinations[name])
    pdf.Root.Names = pikepdf.Dictionary(Dests=pdf.make_indirect(pikepdf.Dictionary(Names=dests)))
    first_root = sources[0].Root
    for key in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata"):
        if key in first_root:
            pdf.Root[key] = _copy(pdf, sources[0], first_root[key])
    forms = [src for src in sources if "/AcroForm" in src.Root]
    if len(forms) > 1:
        raise ValueError("only one of the parts may have form fields")
    if forms:  # its fields are the widgets of the pages copied above (a foreign object is copied once)
        pdf.Root.AcroForm = _copy(pdf, forms[0], forms[0].Root.AcroForm)
    for key, value in sources[0].docinfo.items():
        pdf.docinfo[key] = _copy(pdf, sources[0], value)
    with pdf.open_outline() as joined:
        joined.root.extend(outline)
    if overlay is not None:
        numbers = pikepdf.open(io.BytesIO(overlay))
        for page, source in zip(pdf.pages, numbers.pages):
            _overlay(pdf, page, pikepdf.Page(pdf.copy_foreign(source.obj)))
    return _save(pdf)
