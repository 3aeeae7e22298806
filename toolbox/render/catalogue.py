"""The tool catalogue as a site output: cards on ``redskaber/index.md`` and plain lists by
phase, theme and role (``redskaber/fase-*.md``, ``tema-*.md``, ``rolle-*.md``) that need no script.

Every text from the catalogue goes through ``md_escape``: it is shown, never read as markup.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .. import messages
from . import NavEntry
from ..model import PHASES, ROLES, THEMES, Catalogue, Form, Model, Tool
from ..text import front_matter, md_escape

HANDLES = None  # renders no form fields
FOLDER = "redskaber"
INDEX = f"{FOLDER}/index.md"
CHECK_PAGE = "vurderingskriterier.md"  # relative to the folder


@dataclass(frozen=True)
class FilterPage:
    group: str  # "fase", "tema" or "rolle"
    key: str  # the phase, theme or role id
    name: str  # the phase's, theme's or role's Danish name
    path: str  # relative to the docs folder
    title: str
    nav_title: str
    lead: str
    tools: tuple[Tool, ...]


def filter_pages(catalogue: Catalogue) -> list[FilterPage]:
    """One page per phase, theme and role, in that order (empty ones left out)."""
    pages: list[FilterPage] = []

    def add(group: str, key: str, name: str, lead: str, tools: list[Tool]) -> None:
        if tools:
            pages.append(FilterPage(group, key, name, f"{FOLDER}/{group}-{key}.md",
                                    messages.FILTER_TITLE[group].format(name=name),
                                    messages.FILTER_NAV[group].format(name=name), lead, tuple(tools)))

    for phase in PHASES:
        tools = [t for t in catalogue.tools if phase in t.phases]
        name = messages.PHASE_NAMES[phase]
        add("fase", phase, name, messages.FILTER_PHASE_FOR.format(when=messages.PHASE_FOR[phase], n=len(tools)), tools)
    for theme in THEMES:
        tools = [t for t in catalogue.tools if theme in t.themes]
        name = messages.THEME_NAMES[theme]
        add("tema", theme, name, messages.FILTER_THEME_FOR.format(name=name.lower(), n=len(tools)), tools)
    for role in ROLES:
        tools = [t for t in catalogue.tools if role in t.roles]
        name = messages.ROLE_NAMES[role]
        add("rolle", role, name, messages.FILTER_ROLE_FOR.format(who=messages.ROLE_FOR[role], n=len(tools)), tools)
    return pages


def anchor(tool: Tool) -> str:
    return f"redskab-{tool.id}"


def _one_line(text: str) -> str:
    return md_escape(" ".join(text.split()))


def _link(target: str, here: str = FOLDER) -> str:
    """A docs-relative path as seen from a page in ``here``."""
    return posixpath.relpath(target, here)


def _form_link(tool: Tool, forms: dict[str, Form]) -> str | None:
    form = forms.get(tool.form or "")
    if form is None:  # no form, or the profile leaves it out
        return None
    text = md_escape(messages.CATALOGUE_FORM_LINK.format(title=form.title))
    return f"[{text}]({_link(f'blanketter/{form.id}.md')})"


def _page_link(tool: Tool) -> str | None:
    if tool.page is None:
        return None
    text = md_escape(messages.CATALOGUE_PAGE_LINK.format(name=tool.name))
    return f"[{text}]({_link(tool.page)})"


def card(tool: Tool, catalogue: Catalogue, forms: dict[str, Form]) -> str:
    """One grid card: a list item of the Material ``grid cards`` block."""
    label = messages.CATALOGUE_LABELS
    pad = "    "
    parts = [f"### {md_escape(tool.name)} {{ #{anchor(tool)} }}", _one_line(tool.purpose)]
    if tool.other_names:
        parts.append(f"*{label['other_names']}:* " + "; ".join(_one_line(n) for n in tool.other_names))
    parts.append(f"**{label['description']}:** {_one_line(tool.description)}")
    parts.append(f"**{label['actors']}:** {_one_line(tool.actors)}")
    for key, items in (("challenges", tool.challenges), ("benefits", tool.benefits)):
        parts.append(f"**{label[key]}:**\n\n" + "\n".join(f"{pad}- {_one_line(i)}" for i in items))
    parts.append(f"**{label['when']}:** {_one_line(tool.when)}")
    phases = ", ".join(f"[{messages.PHASE_NAMES[p]}](fase-{p}.md)" for p in tool.phases)
    themes = ", ".join(f"[{messages.THEME_NAMES[t]}](tema-{t}.md)" for t in tool.themes)
    parts.append(f"**{label['phases']}:** {phases}  \n{pad}**{label['themes']}:** {themes}")
    roles = ", ".join(f"[{messages.ROLE_NAMES[r]}]({_link(f'roller/{r}.md')})" for r in tool.roles)
    parts.append(f"**{label['roles']}:** {roles}")
    source = catalogue.sources[tool.source]
    parts.append(f"**{label['source']}:** {_one_line(source.title)} ({_one_line(source.organisation)}, {_one_line(source.year)})")
    if tool.described_from_name:
        parts.append(f"*{md_escape(messages.CATALOGUE_NAME_ONLY)}*")
    links = [x for x in (_form_link(tool, forms), _page_link(tool)) if x]
    if links:
        parts.append(f"  \n{pad}".join(links))
    return "-   " + f"\n\n{pad}".join(parts) + "\n"


def index_page(model: Model, catalogue: Catalogue, pages: list[FilterPage]) -> str:
    forms = {f.id: f for f in model.forms}
    out = [front_matter(messages.CATALOGUE_TITLE, messages.CATALOGUE_DESCRIPTION),
           f"# {md_escape(messages.CATALOGUE_TITLE)}\n\n",
           f"*{md_escape(messages.CATALOGUE_FOR)}*\n\n",
           messages.CATALOGUE_LEAD.format(forms=_link("blanketter/index.md"), check=CHECK_PAGE) + "\n\n",
           f"## {messages.CATALOGUE_FIND}\n\n{messages.CATALOGUE_FIND_LEAD}\n\n"]
    for group, heading in messages.CATALOGUE_BY.items():
        out.append(f"**{heading}:**\n\n")
        for page in (p for p in pages if p.group == group):
            n = len(page.tools)
            count = messages.CATALOGUE_COUNT.get(n, messages.CATALOGUE_COUNT["n"]).format(n=n)
            out.append(f"- [{md_escape(page.name)}]({_link(page.path)}) ({count})\n")
        out.append("\n")
    for theme in THEMES:  # each card once, under its first theme
        tools = [t for t in catalogue.tools if t.themes[0] == theme]
        if not tools:
            continue
        out.append(f"## {md_escape(messages.THEME_NAMES[theme])} {{ #kort-{theme} }}\n\n")
        if any(t.described_from_name for t in tools):
            out.append(f"{md_escape(messages.CATALOGUE_NAME_ONLY_SECTION)}\n\n")
        out.append('<div class="grid cards" markdown>\n\n')
        out.append("\n".join(card(t, catalogue, forms) for t in tools))
        out.append("\n</div>\n\n")
    return "".join(out)


def list_page(model: Model, page: FilterPage) -> str:
    forms = {f.id: f for f in model.forms}
    out = [front_matter(page.title, page.lead),
           f"# {md_escape(page.title)}\n\n",
           f"*{md_escape(page.lead)}*\n\n",
           f"[{messages.CATALOGUE_BACK}](index.md)\n\n"]
    if page.group == "rolle":
        out.append(messages.FILTER_ROLE_PAGE.format(name=page.name, href=_link(f"roller/{page.key}.md")) + "\n\n")
    for tool in page.tools:
        line = f"- [{md_escape(tool.name)}](index.md#{anchor(tool)}): {_one_line(tool.purpose)}"
        form = _form_link(tool, forms)
        if form:
            line += f" {form}"
        out.append(line + "\n")
    return "".join(out)


def nav(model: Model) -> list[NavEntry]:
    """The lists by phase, theme and role join the nav section of the tool index, right after it."""
    if model.catalogue is None:
        return []
    entry = {messages.CATALOGUE_FIND: [{p.nav_title: p.path} for p in filter_pages(model.catalogue)]}
    return [NavEntry(INDEX, "after", entry)]


def render(model: Model, ctx=None) -> dict[str, bytes]:
    catalogue = model.catalogue
    if catalogue is None:
        return {}
    pages = filter_pages(catalogue)
    files = {INDEX: index_page(model, catalogue, pages).encode()}
    for page in pages:
        files[page.path] = list_page(model, page).encode()
    return files
