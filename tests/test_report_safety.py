"""Article text must never reach the HTML reports as live markup.

One module-scoped fixture renders every notebook (``kiji.report.run.render_reports``)
on a folder holding a seed article, a hostile ``.txt`` article (script, event
handler, ``javascript:`` link, iframe, form, base, style and pre-escaped
payloads inside ordinary Japanese sentences) and a hostile saved web page
whose escaped entities become literal ``<script>`` text once extracted.  The
pages are checked statically (``html.parser``) and in headless Chromium
(offline, with a proxy that refuses every connection).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from kiji.report.sanitize import clean_html, sanitize_notebook

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

IMG = """<img src=x onerror="document.body.setAttribute('data-pwned','1')">"""
IFRAME = """<iframe srcdoc="<script>parent.document.body.dataset.pwned=1</script>">"""
PRE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
HOSTILE_TITLE = f"危険な見出し<script>alert(1)</script>と{IMG}の記事"
HOSTILE_SENTENCES = [
    "政府高官は<script>alert(1)</script>という文字列について説明した。",
    f"記者は{IMG}を含む記事を送った。",
    '詳しくは<a href="javascript:alert(1)">リンク</a>を参照するよう求めた。',
    f"報道官は{IFRAME}について言及した。",
    "外務省は<form action=http://evil/><input></form>の提出を求めた。",
    '関係者は<base href="http://evil/">の設定を確認した。',
    "担当者は<style>body{display:none}</style>の表示を問題視した。",
    f"専門家は{PRE_ESCAPED}という表記を引用した。",
]
# "00-" sorts before "000_": the hostile article comes first, so 00_corpus's
# ``sentences.head(10)`` shows its sentences (and "00-" does not start with
# "000"/"001", which 01_term_frequency pairs up).
HOSTILE_TXT = "00-hostile.txt"
HOSTILE_PAGE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8">
<title>偽ニュース&lt;script&gt;alert(2)&lt;/script&gt;見出し</title>
<meta property="article:published_time" content="2024-11-20T09:00:00+09:00">
</head><body><article>
<h1>偽ニュース&lt;script&gt;alert(2)&lt;/script&gt;見出し</h1>
<p>政府は&lt;script&gt;alert(2)&lt;/script&gt;という文言を発表した。</p>
<p>記者は&lt;img src=x onerror=alert(3)&gt;という画像を掲載した。</p>
<p>首相は会見で新たな方針を説明した。</p>
</article></body></html>
"""

FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "form", "input", "button", "base", "object",
                  "embed", "applet", "svg", "math", "template", "portal"}
# the template's heading anchors, the index's relative links to its pages and data files
LOCAL_LINK = re.compile(r"^(#\S*|(?![/\\])(?!.*\.\.)[\w./-]+)$")
URL_ATTRS = {"href", "src", "action", "formaction", "srcdoc", "data", "xlink:href", "poster", "background"}


# ---------------------------------------------------------------- helpers

class _Page(HTMLParser):
    """Every start tag with its attributes, the text of <style> elements and of the body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k.lower(): (v or "") for k, v in attrs}))
        self._in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        (self.styles if self._in_style else self.text).append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def assert_no_live_markup(html: str, where: str) -> _Page:
    assert html.lower().count("<script") == 0, f"{where}: a <script tag"
    page = parse(html)
    for tag, attrs in page.tags:
        assert tag not in FORBIDDEN_TAGS, f"{where}: <{tag} {attrs}>"
        handlers = [k for k in attrs if k.startswith("on")]
        assert not handlers, f"{where}: event handler on <{tag}>: {handlers}"
        for name in URL_ATTRS & set(attrs):
            value = attrs[name].strip().lower().replace("\t", "").replace("\n", "")
            assert not value.startswith(("javascript:", "vbscript:")), f"{where}: <{tag} {name}={value!r}>"
        if tag == "a":
            assert LOCAL_LINK.match(attrs.get("href", "#")), f"{where}: <a {attrs}>"
        if tag == "img":  # plots only, inlined: nothing loaded from elsewhere
            assert attrs.get("src", "").startswith("data:image/"), f"{where}: <img src={attrs.get('src')!r}>"
        if tag == "link":
            assert not attrs.get("href", "").lower().startswith(("http:", "https:", "//")), f"{where}: {attrs}"
        if tag == "meta":
            assert attrs.get("http-equiv", "").lower() != "refresh", f"{where}: meta refresh"
    styles = "".join(page.styles).replace(" ", "")
    assert "body{display:none}" not in styles, f"{where}: the article's <style> is live"
    return page


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile_articles")
    # 000 and 001: 01_term_frequency compares the pair, so it runs through
    for prefix in ("000", "001"):
        (seed,) = SEEDS.glob(f"{prefix}_*.txt")
        shutil.copy(seed, folder / seed.name)
    body = "\n\n".join(HOSTILE_SENTENCES)
    (folder / HOSTILE_TXT).write_text(f"2024年11月19日火曜日\n\n{HOSTILE_TITLE}\n\n{body}\n", encoding="utf-8")
    (folder / "900_hostile_page.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reports(hostile_folder, tmp_path_factory):
    from kiji.report.run import render_reports

    out = tmp_path_factory.mktemp("hostile_reports")
    results = render_reports(hostile_folder, out, log=lambda *a: None)
    return out, results


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium; installed with apt-get when missing and running as root."""
    exe = shutil.which("chromium")
    problem = ""
    if exe is None:
        if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            try:
                for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
                    subprocess.run(cmd, check=True, timeout=600, env=env, capture_output=True, text=True)
            except subprocess.TimeoutExpired as exc:
                problem = f"`{' '.join(exc.cmd)}` timed out"
            except subprocess.CalledProcessError as exc:
                problem = f"`{' '.join(exc.cmd)}` failed ({exc.returncode}): {exc.stderr[-500:]}"
            exe = shutil.which("chromium")
            problem = problem or ("" if exe else "apt-get installed no `chromium` executable")
        else:
            problem = "chromium is not installed and this is not root (install it: apt-get install chromium)"
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail(f"headless browser check needs Debian's chromium: {problem}")
        pytest.skip(f"chromium unavailable: {problem}")
    return exe


def dump_dom(chromium: str, page: Path, tmp_path: Path) -> str:
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-extensions", "--proxy-server=127.0.0.1:9", f"--user-data-dir={tmp_path / 'chromium'}",
           "--virtual-time-budget=3000", "--dump-dom", page.resolve().as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "</html>" in proc.stdout, f"no DOM dumped for {page.name}: {proc.stderr[-2000:]}"
    return proc.stdout


# ---------------------------------------------------------------- static checks of the rendered pages

def test_every_page_written(reports):
    out, results = reports
    assert [r.name for r in results] == ["00_corpus", "01_term_frequency", "02_sourcing", "03_escalation", "04_claims",
                                         "05_codes_and_comparison"]
    for r in results:
        assert (out / r.html).is_file()
    assert (out / "index.html").is_file()
    # the content checks below need the corpus notebook to have run through
    assert results[0].ok, results[0].error


def test_no_live_markup_in_any_page(reports):
    out, _ = reports
    pages = sorted(out.glob("*.html"))
    assert len(pages) == 7
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert_no_live_markup(html, page.name)
        # every page (the template's, the index) forbids scripts and remote loads
        assert ('http-equiv="Content-Security-Policy"' in html
                and "default-src 'none'" in html), f"{page.name}: no CSP"


def test_payloads_are_shown_as_text(reports):
    out, _ = reports
    corpus = (out / "00_corpus.html").read_text(encoding="utf-8")
    text = "".join(parse(corpus).text)
    # the inventory shows the title (cut at 60 characters), escaped
    assert "危険な見出し&lt;script&gt;alert(1)&lt;/script&gt;と&lt;img src=x onerror=" in corpus
    assert "危険な見出し<script>alert(1)</script>と<img src=x onerror=" in text
    # the hostile page's title, extracted from entities, is literal text too
    assert "偽ニュース&lt;script&gt;alert(2)&lt;/script&gt;見出し" in corpus
    # the sentence table shows the hostile sentences, as text
    # (pandas cuts cells at 60 characters, ending them with "...")
    for sentence in HOSTILE_SENTENCES:
        assert (sentence if len(sentence) <= 60 else sentence[:50]) in text, sentence
    assert "政府高官は&lt;script&gt;alert(1)&lt;/script&gt;という文字列について説明した。" in corpus
    # pre-escaped text stays text: escaped once more, never decoded into a tag
    assert "専門家は&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;という表記を引用した。" in corpus
    assert f"専門家は{PRE_ESCAPED}という表記を引用した。" in text

    index = (out / "index.html").read_text(encoding="utf-8")
    index_text = "".join(parse(index).text)
    assert HOSTILE_TITLE in index_text
    assert "偽ニュース<script>alert(2)</script>見出し" in index_text


def test_pre_escaped_text_never_becomes_a_tag(reports):
    out, _ = reports
    for page in sorted(out.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        # either double-escaped (&amp;lt;) or escaped once (&lt;), never decoded further
        assert "専門家は<script" not in html
        for m in re.finditer("専門家は", html):
            snippet = html[m.end():m.end() + 30]
            # (a KWIC row may end its left context right after the escaped "<": still text)
            assert snippet.startswith(("&amp;lt;script&amp;gt;", "&lt;script&gt;", "&amp;lt;</td>")), (page.name, snippet)


# ---------------------------------------------------------------- in a real browser, offline

def test_control_page_payload_runs_in_harness(chromium, tmp_path):
    """The harness detects a payload that does run (so a clean dump below means something)."""
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>control</title></head><body><p>x</p>{IMG}</body></html>")
    dom = dump_dom(chromium, page, tmp_path)
    assert 'data-pwned="1"' in dom[dom.find("<body"):dom.find(">", dom.find("<body"))]


@pytest.mark.parametrize("name,title,content", [
    ("00_corpus.html", "00 コーパスの中身 — What the corpus holds", "000_3cfebaa7a880f361"),
    ("index.html", "kiji reports", "000_3cfebaa7a880f361"),
])
def test_browser_runs_no_payload(chromium, reports, tmp_path, name, title, content):
    out, _ = reports
    dom = dump_dom(chromium, out / name, tmp_path)
    body_start = dom.find("<body")
    assert body_start >= 0
    body_tag = dom[body_start:dom.find(">", body_start) + 1]
    assert "data-pwned" not in body_tag, body_tag
    assert "data-pwned" not in dom.replace("setAttribute('data-pwned'", "").replace(
        "setAttribute(&#x27;data-pwned&#x27;", "").replace("setAttribute(\\'data-pwned", "")
    page = assert_no_live_markup(dom, f"DOM of {name}")
    titles = [t for t, _ in page.tags if t == "title"]
    assert len(titles) == 1
    assert f"<title>{title}</title>" in dom
    # rendered offline (every connection refused by the proxy): the content is there
    text = "".join(page.text)
    assert content in text
    assert "危険な見出し<script>alert(1)</script>" in text
    if name == "00_corpus.html":
        assert "00 コーパスの中身" in text and "<table" in dom


# ---------------------------------------------------------------- the sanitizer itself (fast)

def _hostile_notebook():
    html = ("<table class='dataframe'><thead><tr><th>id</th><th colspan=2>title</th></tr></thead>"
            "<tbody><tr><td>a1</td><td onclick='alert(1)'>見出し</td><td>本文</td></tr></tbody></table>"
            "<script>alert(1)</script>" + IMG + "<a href='javascript:alert(1)'>リンク</a>"
            + IFRAME + "</iframe><style>body{display:none}</style><form action=http://evil/><input></form>"
            "<base href='http://evil/'><svg onload=alert(1)></svg><object data='javascript:alert(1)'></object>")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_raw_cell("<script>alert('raw')</script>"),
        nbformat.v4.new_code_cell("x", outputs=[
            nbformat.v4.new_output("execute_result", execution_count=1, data={
                "text/html": html, "text/plain": "plain <script>alert(1)</script>"}),
            nbformat.v4.new_output("display_data", data={
                "text/markdown": "<script>alert(1)</script> **md**", "text/plain": "<Markdown>"}),
            nbformat.v4.new_output("display_data", data={"application/javascript": "alert(1)"}),
            nbformat.v4.new_output("display_data", data={
                "image/svg+xml": "<svg onload='alert(1)'></svg>", "text/vnd.mermaid": "graph TD; A-->B",
                "application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/plain": "<Figure>"}),
        ]),
    ]
    return nb


def test_clean_html_keeps_tables_drops_scripts():
    cleaned = clean_html(_hostile_notebook().cells[1].outputs[0].data["text/html"])
    low = cleaned.lower()
    for tag in ("<table", "<thead", "<tbody", "<tr", "<th", "<td", 'colspan="2"', "見出し", "本文", "リンク"):
        assert tag in low, tag
    for bad in ("<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "srcdoc", "<form",
                "<input", "<base", "<style", "display:none", "<svg", "<object", "<a ", "<img", "evil"):
        assert bad not in low, bad
    # an unclosed raw-text element (iframe) turns the rest into escaped text, never into tags
    unclosed = clean_html("<p>前</p>" + IFRAME + "<img src=x onerror=alert(1)><p>後</p>")
    page = parse(unclosed)
    assert [t for t, _ in page.tags] == ["p"]
    assert "<img" not in unclosed and "&lt;img" in unclosed


def test_sanitize_notebook_drops_script_capable_outputs():
    nb = sanitize_notebook(_hostile_notebook())
    assert [c.cell_type for c in nb.cells] == ["code"]
    outs = nb.cells[0].outputs
    assert set(outs[0].data) == {"text/html", "text/plain"}
    assert "<table" in outs[0].data["text/html"] and "<script" not in outs[0].data["text/html"]
    assert outs[0].data["text/plain"] == "plain <script>alert(1)</script>"  # escaped by nbconvert
    assert dict(outs[1].data) == {"text/plain": "<Markdown>"}
    assert set(outs[2].data) == {"text/plain"}  # nothing left: a placeholder
    assert "not safe" in outs[2].data["text/plain"]
    assert dict(outs[3].data) == {"text/plain": "<Figure>"}


def test_sanitize_notebook_keeps_only_safe_image_metadata():
    # nbconvert writes width/height unquoted into <img> and metadata.filenames into its src
    nb = nbformat.v4.new_notebook(metadata={"widgets": {"state": {}}})
    nb.cells = [nbformat.v4.new_code_cell("y", outputs=[nbformat.v4.new_output(
        "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"},
        metadata={"image/png": {"width": "1 onerror=alert(1)", "height": 20, "needs_background": "light",
                                "unconfined": "yes"},
                  "width": "1 onerror=alert(1)", "filenames": {"image/png": "http://evil/x.png"}})])]
    sanitize_notebook(nb)
    assert dict(nb.cells[0].outputs[0].metadata) == {"image/png": {"height": 20, "needs_background": "light"}}
    assert "widgets" not in nb.metadata


def test_sanitized_notebook_exports_without_live_markup():
    """Through the kiji template too, including an error output carrying article text."""
    from nbconvert import HTMLExporter

    from kiji.report.run import TEMPLATES

    nb = _hostile_notebook()
    nb.cells[1].outputs.append(nbformat.v4.new_output(
        "error", ename="KeyError", evalue=f"'{HOSTILE_TITLE}'", traceback=[f"KeyError: {HOSTILE_TITLE}"]))
    nb.cells[1].outputs.append(nbformat.v4.new_output("stream", name="stdout", text=HOSTILE_TITLE + "\n"))
    nb.cells.append(nbformat.v4.new_code_cell("y", outputs=[nbformat.v4.new_output(
        "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"},
        metadata={"image/png": {"width": "1 onerror=alert(1)", "height": 2}})]))
    sanitize_notebook(nb)
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="kiji_report")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": "t"}})
    page = assert_no_live_markup(body, "export")
    assert HOSTILE_TITLE in "".join(page.text)
