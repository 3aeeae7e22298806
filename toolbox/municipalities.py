"""The front page of a national build: one link per municipality whose site is in ``SITE-DIR/NAME/``.

``toolbox build --all-profiles`` writes it when it has built every profile; a build spread over a CI
matrix (``--shard K/N`` on N runners) ends with ``toolbox join SITE-DIR`` once the parts are
together.  Only municipalities whose site is there are listed, by the name in their profile.  The
page is plain HTML with a stylesheet of its own beside it: nothing inline, nothing from other hosts.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .errors import InputError, ToolboxError
from .inputs import PROFILES_DIR
from .inputs import profile as profile_input
from .writer import write_tree

TEMPLATES = Path(__file__).resolve().parent / "templates"
INDEX = "index.html"
STYLESHEET = "kommuner.css"


def built(site_dir: Path) -> list[str]:
    """The profile names that have a built site in ``site_dir``."""
    return sorted(p.parent.name for p in site_dir.glob(f"*/{INDEX}"))


def render_index(root: Path, site_dir: Path) -> tuple[dict[str, bytes], list[str]]:
    names = built(site_dir)
    entries = []
    for name in names:
        path = root / PROFILES_DIR / f"{name}.yml"
        try:
            profile = profile_input.load(path, None, str(PROFILES_DIR / f"{name}.yml"))
        except InputError:  # built before, its profile broken since: listed by its folder's name
            entries.append({"id": name, "name": name, "department": None})
            continue
        entries.append({"id": name, "name": profile.name, "department": profile.department})
    entries.sort(key=lambda e: e["name"].casefold())
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    page = env.get_template("municipalities.html.j2").render(entries=entries, stylesheet=STYLESHEET)
    return {INDEX: page.encode(), STYLESHEET: (TEMPLATES / STYLESHEET).read_bytes()}, names


def write_index(root: Path, site_dir: Path) -> list[str]:
    if not site_dir.is_dir():
        raise ToolboxError(f"{site_dir} findes ikke (forventet mappen med kommunernes sites)")
    files, names = render_index(root, site_dir)
    write_tree(site_dir, files)
    return names
