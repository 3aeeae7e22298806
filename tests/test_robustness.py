"""Bad input never gives a traceback: fuzzed YAML, huge files; and the built site holds together."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import run_toolbox
from test_build import tree_digest
from toolbox.errors import InputError
from toolbox.inputs.problems import parse
from toolbox.inputs.schema import check_schema
from toolbox.inputs.yamlfile import Document, load_yaml
from toolbox.model import Profile, Schema

KEYS = ["version", "forms", "groups", "id", "kind", "label", "sections", "fields", "title", "summary", "use",
        "rows", "columns", "repeat", "choices", "text", "required", "omit", "hint", "name", "web"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=8),
                    st.sampled_from(["text", "table", "choice", "borger", "a-b", "{kommune}", "{x}", "<b>"]))
trees = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)), max_leaves=30)


def _validate_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yml"
    path.write_text(text, encoding="utf-8")
    try:
        doc = load_yaml(path)
        check_schema(doc, parse(doc, Schema))
    except InputError as exc:
        for problem in exc.problems:
            assert re.fullmatch(r"[^\n]+:\d+: [^\n]+", str(problem)), str(problem)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(trees)
def test_fuzzed_structures_give_problems_not_tracebacks(tmp_path, tree):
    _validate_text(tmp_path, yaml.safe_dump(tree, allow_unicode=True))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(list("ab:-{}[]&*!|>'\"#\t\n @%`,?") + ["id", "kind", "\n  ", "\n- ", "&a", "*a"]),
                max_size=60).map("".join))
def test_fuzzed_text_gives_problems_not_tracebacks(tmp_path, text):
    _validate_text(tmp_path, text)


@settings(max_examples=100, deadline=None)
@given(trees)
def test_fuzzed_profiles_give_problems_not_tracebacks(tree):
    doc = Document("p.yml", tree, {(): 1})
    try:
        parse(doc, Profile)
    except InputError as exc:
        assert all(str(p).startswith("p.yml:") for p in exc.problems)


def test_fifty_megabyte_file_is_refused_quickly(tmp_path):
    big = tmp_path / "stor.yml"
    with big.open("w", encoding="utf-8") as f:
        f.write("version: 1\nforms:\n")
        line = "  - {id: a, title: A, summary: S, sections: [{id: s, text: x}]}\n"
        f.write(line * (50 * 1024 * 1024 // len(line)))
    result = run_toolbox("validate", "--schema", str(big), "--profiles")  # how fast: benchmarks/inputs_bench.py
    assert result.returncode == 2
    assert result.stderr == f"{big}:1: filen er for stor (højst 2 MB)\n"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and tag in ("a", "link", "script", "img", "source", "iframe"):
                self.links.append(a[key])


def test_no_broken_internal_link_anchor_or_download(built_site):
    parsed: dict[Path, Links] = {}
    for page in built_site.rglob("*.html"):
        p = Links()
        p.feed(page.read_text(encoding="utf-8"))
        parsed[page] = p
    broken = []
    for page, p in parsed.items():
        for link in p.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:", "tel:", "data:")):
                continue
            base = built_site if parts.path.startswith("/") else page.parent  # the 404 page links from the root
            target = page if not parts.path else (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)}: {link}")
            elif parts.fragment and target.suffix == ".html" and target in parsed and parts.fragment not in parsed[target].ids:
                broken.append(f"{page.relative_to(built_site)}: {link} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_two_builds_are_byte_identical(tmp_path):
    """Two builds from nothing, each with a cache of its own that --no-cache must not even read."""
    sites = []
    for name in ("a", "b"):
        site = tmp_path / name
        env = {"SOURCE_DATE_EPOCH": "1767225600", "TOOLBOX_CACHE_DIR": str(tmp_path / f"cache-{name}"),
               "PYTHONHASHSEED": name.encode().hex()}
        result = run_toolbox("build", "--no-cache", "--site-dir", str(site), env=env)
        assert result.returncode == 0, result.stderr
        sites.append(site)
    assert tree_digest(sites[0]) == tree_digest(sites[1])
