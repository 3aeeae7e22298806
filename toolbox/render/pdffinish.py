"""The finisher of every form PDF: what WeasyPrint's PDF objects need before they are written.

WeasyPrint makes one flat field per HTML control, named by the control's ``name``; the finisher turns
them into the field tree that ``toolbox.render.pdf``'s docstring describes (nested names split at
their dots, one checkbox per choice of a multichoice field, radio groups with named "on" states,
``/TU`` from the control's ``title``, required fields marked), gives every table header cell a scope,
and lets equal check marks share one appearance stream.
"""
from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from ..errors import RenderError
from ..model import Form

REQUIRED = 1 << 1  # field flag bit 2


class _Markup(HTMLParser):
    """What the finisher needs from the form's HTML: label texts, and which names are multichoice."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.labels: dict[str, str] = {}  # control id -> text of its <label for>
        self.multichoice: set[str] = set()  # names shared by the checkboxes of a multichoice field
        self._fieldset: list[str | None] = []
        self._for: str | None = None
        self._parts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "fieldset":
            self._fieldset.append(a.get("data-kind"))
        elif tag == "input" and a.get("type") == "checkbox" and self._fieldset[-1:] == ["multichoice"]:
            self.multichoice.add(a.get("name") or "")
        elif tag == "label":
            self._for, self._parts = a.get("for"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "fieldset" and self._fieldset:
            self._fieldset.pop()
        elif tag == "label" and self._for is not None:
            self.labels[self._for] = " ".join("".join(self._parts).split())
            self._for = None

    def handle_data(self, data: str) -> None:
        if self._for is not None:
            self._parts.append(data)


def scope_table_headers(document: Any, pdf: Any = None) -> None:
    """Give every table header cell a ``/Scope`` (PDF/UA-1 7.5): WeasyPrint tags ``<th>`` as ``/TH``
    with an ``/ID`` that the data cells' ``/Headers`` name, but without a scope.  A ``<th scope="row">``
    is a row header, every other one a column header.  A finisher for every PDF the project makes."""
    import pydyf

    for page in document.pages:
        for box in page._page_box.descendants(placeholders=True):
            mark = getattr(box, "mark", None)
            if mark is None or getattr(box, "element_tag", None) != "th" or box.element is None:
                continue
            scope = "/Row" if box.element.get("scope") == "row" else "/Column"
            mark.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = scope


class Finisher:
    """Turns WeasyPrint's flat form fields into the field tree the module docstring describes."""

    def __init__(self, form: Form, html: str) -> None:
        self.form = form
        markup = _Markup(html)
        self.labels, self.multichoice = markup.labels, markup.multichoice

    def __call__(self, document: Any, pdf: Any) -> None:
        import pydyf

        scope_table_headers(document, pdf)
        if "AcroForm" not in pdf.catalog:
            return
        widgets = [(box.widget_annotation, box.element)
                   for page in document.pages for box in page._page_box.descendants(placeholders=True)
                   if getattr(box, "widget_annotation", None) is not None]
        made = {bytes(ref) for ref in pdf.catalog["AcroForm"]["Fields"]}

        terminals: dict[str, Any] = {}  # fully qualified name -> field dictionary, in page order
        questions: dict[str, str] = {}  # multichoice name -> its label
        for widget, element in widgets:
            name, kind = element.get("name", ""), element.get("type", "text")
            title, value = element.get("title") or name, element.get("value", "")
            if element.get("required") is not None:
                widget["Ff"] = widget.get("Ff", 0) | REQUIRED
            if element.tag == "textarea" or kind not in ("radio", "checkbox"):
                widget["TU"] = pydyf.String(title)
                terminals[name] = widget
            elif kind == "checkbox":
                self._on_state(widget, value)
                widget["V"] = widget["AS"]
                widget["TU"] = pydyf.String(title)
                if name in self.multichoice:
                    questions[name] = self._question(element, title)
                    name = f"{name}.{value}"
                terminals[name] = widget
            else:  # radio: WeasyPrint made the group, the widget is one of its kids
                group = pdf.objects[int(bytes(widget["Parent"]).split()[0])]
                group["TU"] = pydyf.String(self._question(element, title))
                self._on_state(widget, value)
                if widget["AS"] != "/Off":
                    group["V"] = widget["AS"]
                group.pop("Opt", None)  # on states are names now, not indexes into Opt
                widget["TU"] = pydyf.String(title)
                del widget["T"]  # a kid widget, not a field of its own
                terminals[name] = group
        seen = {bytes(w.reference) for w, _ in widgets} | {bytes(f.reference) for f in terminals.values()}
        if seen != made:
            raise RenderError("pdf", self.form.id, "WeasyPrints formularfelter kan ikke genkendes (en ny version?)")

        fields = pydyf.Array()
        parents: dict[str, Any] = {}

        def attach(node: Any, qualified: str) -> None:
            parent_name, _, leaf = qualified.rpartition(".")
            node["T"] = pydyf.String(leaf)
            if not parent_name:
                fields.append(node.reference)
                return
            parent = parents.get(parent_name)
            if parent is None:
                parent = parents[parent_name] = pydyf.Dictionary({"Kids": pydyf.Array()})
                pdf.add_object(parent)
                attach(parent, parent_name)
            node["Parent"] = parent.reference
            parent["Kids"].append(node.reference)

        for qualified, node in terminals.items():
            attach(node, qualified)
        for name, question in questions.items():
            parents[name]["TU"] = pydyf.String(question)
        pdf.catalog["AcroForm"]["Fields"] = fields
        self._share_appearances(pdf, [w for w, _ in widgets])

    @staticmethod
    def _share_appearances(pdf: Any, widgets: list[Any]) -> None:
        """One appearance stream for all equal check marks (they are many, and all alike)."""
        import pydyf

        first: dict[bytes, bytes] = {}
        for widget in widgets:
            if "AP" not in widget:
                continue
            states = widget["AP"]["N"]
            for state, ref in list(states.items()):
                number = int(bytes(ref).split()[0])
                stream = pdf.objects[number]
                shared = first.setdefault(stream.data, ref)
                if shared != ref:
                    states[state] = shared
                    placeholder = pydyf.Dictionary()  # keeps the numbering; a few bytes in the object stream
                    placeholder.number = number
                    pdf.objects[number] = placeholder

    def _question(self, element: Any, title: str) -> str:
        """The label of a group of options: an option's title is "label: option"."""
        option = self.labels.get(element.get("id", ""), "")
        return title.removesuffix(f": {option}") if option else title

    @staticmethod
    def _on_state(widget: Any, value: str) -> None:
        """Name the widget's "on" appearance after its HTML value (``ja``, a choice id)."""
        import pydyf

        appearances = widget["AP"]["N"]
        (key, stream), = appearances.items()
        widget["AP"] = pydyf.Dictionary({"N": pydyf.Dictionary({value: stream})})
        widget["AS"] = f"/{value}" if widget["AS"] != "/Off" else "/Off"
