"""Builds for many municipalities: a deterministic, disjoint part per CI runner, a front page that joins
them, and CI templates for GitHub and GitLab that use the README's commands."""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest
import yaml

from helpers import ROOT, copy_project, run_toolbox
from toolbox.errors import UsageError
from toolbox.profiles import parse_shard, profile_names, shard

CI = ROOT / "deploy" / "ci"


@pytest.mark.parametrize("count,n", [(1, 1), (4, 2), (98, 10), (98, 7), (5, 8)])
def test_the_parts_are_disjoint_and_together_every_profile(count, n):
    names = [f"kommune-{i:02d}" for i in range(count, 0, -1)]  # in any order
    parts = [shard(names, k, n) for k in range(1, n + 1)]
    flat = [name for part in parts for name in part]
    assert sorted(flat) == sorted(names) and len(flat) == len(set(flat))
    assert max(map(len, parts)) - min(map(len, parts)) <= 1
    assert len(parts[0]) == max(map(len, parts)), "part 1 is never the smallest (the benchmark times it)"
    assert parts == [shard(list(reversed(names)), k, n) for k in range(1, n + 1)], "the order given does not matter"


@pytest.mark.parametrize("text", ["0/2", "3/2", "1", "a/b", "1/0", "-1/2", "1/2/3"])
def test_a_bad_shard_is_one_danish_line(text):
    with pytest.raises(UsageError, match=r"^--shard .*: forventet K/N med 1 ≤ K ≤ N, fx 2/4$"):
        parse_shard(text)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs)["href"]

    def handle_data(self, data):
        if self._href is not None:
            self.links.append((self._href, data))
            self._href = None


def test_two_shards_build_every_profile_and_join_makes_the_front_page(tmp_path):
    project = copy_project(tmp_path / "p")
    names = profile_names(project)
    assert len(names) >= 3
    site = tmp_path / "site"
    built = []
    for k in (1, 2):
        part = tmp_path / f"del-{k}"
        result = run_toolbox("build", "--all-profiles", "--shard", f"{k}/2", "--no-cache", "--site-dir", str(part),
                             cwd=project, timeout=1800)
        assert result.returncode == 0, result.stderr
        here = sorted(p.name for p in part.iterdir() if (p / "index.html").is_file())
        assert here == shard(names, k, 2)
        assert not (part / "index.html").exists(), "a part has no front page: the join makes it"
        built += here
        shutil.copytree(part, site, dirs_exist_ok=True)  # what the CI's last job does with the artifacts
    assert sorted(built) == names
    joined = run_toolbox("join", str(site), cwd=project)
    assert joined.returncode == 0, joined.stderr
    page = (site / "index.html").read_text(encoding="utf-8")
    links = Links()
    links.feed(page)
    profiles = {n: yaml.safe_load((project / "forms" / "profiles" / f"{n}.yml").read_text(encoding="utf-8")) for n in names}
    assert sorted(href for href, _ in links.links) == sorted(f"{n}/" for n in names)
    for href, text in links.links:
        assert text == profiles[href.rstrip("/")]["name"]
    assert '<html lang="da">' in page and "<script" not in page and "style=" not in page
    assert (site / "kommuner.css").is_file()


def test_a_shard_without_all_profiles_is_refused():
    result = run_toolbox("build", "--shard", "1/2")
    assert result.returncode == 2
    assert result.stderr == "toolbox: --shard hører sammen med --all-profiles\n"


def _commands(node) -> list[str]:
    """Every shell command in a CI file (GitHub `run:`, GitLab `script:`)."""
    out: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "run" and isinstance(value, str):
                out.append(value)
            elif key == "script":
                out += value if isinstance(value, list) else [value]
            else:
                out += _commands(value)
    elif isinstance(node, list):
        for item in node:
            out += _commands(item)
    return out


@pytest.mark.parametrize("name", ["github-pages.yml", "github-national.yml", "gitlab-ci.yml"])
def test_the_ci_templates_parse_and_use_the_readmes_commands(name):
    data = yaml.safe_load((CI / name).read_text(encoding="utf-8"))
    commands = "\n".join(_commands(data))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_two = re.search(r"```bash\n(.*?)```", readme, re.S).group(1)  # the README's two commands
    scripts = re.findall(r"^(scripts/\w+\.sh)", first_two, re.M)
    assert scripts == ["scripts/serve.sh", "scripts/test.sh"]
    for script in scripts:  # both set up with scripts/setup.sh, and so does every CI job
        assert "scripts/setup.sh" in (ROOT / script).read_text(encoding="utf-8")
    assert "scripts/setup.sh" in commands
    builds = re.findall(r"\.venv/bin/toolbox (build|join|validate)", commands)
    assert "build" in builds
    for used in set(builds):
        assert f"toolbox {used}" in readme, used
    if "national" in name or "gitlab" in name:
        assert "--all-profiles --shard" in commands and "toolbox join" in commands
    if name.startswith("github"):
        assert any(s.get("with", {}).get("python-version") == "3.11" for job in data["jobs"].values()
                   for s in job.get("steps", []))


def test_the_github_matrix_and_its_n_agree():
    data = yaml.safe_load((CI / "github-national.yml").read_text(encoding="utf-8"))
    build = data["jobs"]["build"]
    assert build["strategy"]["matrix"]["shard"] == list(range(1, int(build["env"]["RUNNERS"]) + 1))
