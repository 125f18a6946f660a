"""``report.html`` as a reader sees it: rendered by headless Chromium, offline.

The page is loaded from a copy of the report with a check script added at its end (the report
itself is not changed); Chromium's ``--dump-dom`` prints the DOM after the load event, and the
script has written there what the reader's browser saw: the images that did not load
(``naturalWidth`` 0), raw Markdown or LaTeX in the rendered text, the headings, and any resource
asked of the network. A proxy that refuses every connection stands in for a machine without a
network. Without Chromium the test is skipped with the package to install (Debian's
``chromium``), unless ``BARGAINING_BROWSER_TEST=required`` (``.ci/run`` installs Chromium and sets
it, so that CI never skips it).
"""

import html
import json
import os
import re
import shutil
import subprocess

import pytest

CHROMIUM = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)

if CHROMIUM is None and os.environ.get("BARGAINING_BROWSER_TEST") == "required":
    raise RuntimeError("BARGAINING_BROWSER_TEST=required but chromium is not on the PATH (apt-get install chromium)")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed: install Debian's package with 'apt-get install chromium'",
)

CHECK = """
<script>
window.addEventListener("load", () => {
  const images = [...document.images];
  const text = document.body.innerText;
  const raw = ["**", "\\\\frac", "\\\\(", "$$", "| --- |", "|---|", "```", "\\\\begin{", "](", "nan", "None"]
    .filter((piece) => text.includes(piece));
  const external = [...document.querySelectorAll("[src],[href]")]
    .map((node) => node.getAttribute("src") || node.getAttribute("href"))
    .filter((url) => /^([a-z]+:)?\\/\\//i.test(url));
  const out = document.createElement("pre");
  out.id = "browser-check";
  out.textContent = JSON.stringify({
    images: images.length,
    broken: images.filter((image) => !(image.complete && image.naturalWidth > 0)).map((image) => image.getAttribute("src")),
    raw,
    external,
    headings: [...document.querySelectorAll("h1, h2, h3")].map((node) => node.textContent),
    tables: document.querySelectorAll("table").length,
    math: [...document.querySelectorAll("math")].filter((node) => node.getBoundingClientRect().width === 0).length,
  });
  document.body.appendChild(out);
});
</script>
"""

@pytest.fixture(scope="module")
def seen(report, tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    page = report.html.with_name("checked.html")
    page.write_text(report.html.read_text(encoding="utf-8").replace("</body>", CHECK + "</body>"), encoding="utf-8")
    profile = folder / "profile"
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=60, check=False,
    )
    found = re.search(r'<pre id="browser-check">(.*?)</pre>', done.stdout, re.S)
    assert found, f"Chromium printed no check (exit {done.returncode}): {done.stderr[-2000:]}"
    return report, json.loads(html.unescape(found.group(1)))


def test_every_image_loads(seen):
    report, check = seen
    assert check["images"] == sum(path.suffix == ".svg" for path in report.figures) > 0
    assert check["broken"] == []


def test_no_raw_markdown_or_latex_shows(seen):
    _, check = seen
    assert check["raw"] == []


def test_nothing_is_asked_of_the_network_and_any_math_is_drawn(seen):
    """The report renders offline: no script, style sheet, font or image from the network (the
    math of the claims is printed as text, so nothing is typeset by a remote library)."""
    _, check = seen
    assert check["external"] == [] and check["math"] == 0


def test_the_page_has_its_sections(seen):
    _, check = seen
    headings = check["headings"]
    for heading in ("Summary", "Uncertainty", "Probability that each strategy is best", "Ranking robustness",
                    "George's three strategies on the same primitives", "Regime map: specificity x carrot",
                    "What moves the numbers (Sobol indices)", "Claims", "Appendix: assumptions that do not enter the game",
                    "Timing", "References"):
        assert heading in headings, heading
    assert check["tables"] >= 9  # summary, regimes, ranking, per scenario assumptions and strategies, claims, appendix
