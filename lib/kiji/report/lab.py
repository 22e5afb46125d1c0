"""``make lab``: JupyterLab on the notebooks, Japanese readable on any machine.

JupyterLab draws outputs (DataFrames, printed text, markdown) with the browser's fonts: on a
machine without Japanese fonts every Japanese table cell and printed line is a box.  This launcher
starts JupyterLab with its ``custom_css`` switch on and serves, as ``/custom/custom.css``, a style
sheet that declares the bundled IPAexGothic (``matplotlib-fontja``, the font of the charts and the
report pages) as a web font for the Japanese ranges of Unicode only (Latin letters keep the
browser's own fonts), puts it first in Lab's UI, content and code font stacks, and left-aligns
table cells as the report pages do.  The font file is served from the same folder (``/custom/``
serves any file of it but ``.js``).  A ``custom.css`` the user already has in Jupyter's config
folder is appended, so it still applies.

Also: ``--allow-root`` only when running as root (JupyterLab refuses root otherwise), and the
server binds to 127.0.0.1 unless ``--ip`` is given.  Any other argument goes to ``jupyter lab``
unchanged (``make lab LAB_ARGS="--port 9999 --no-browser"``).

    python -m kiji.report.lab --notebook-dir=notebooks [jupyter lab options]
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

#: CSS family name of the served font (not a name a system font could have).
FAMILY = "kiji IPAexGothic"
FONT_FILE = "kiji-ipaexg.ttf"
#: Japanese (and the full-width punctuation, symbols and enclosed numbers Japanese text uses).
UNICODE_RANGE = ("U+2010-2027, U+2030-203B, U+2160-2183, U+2190-21FF, U+2460-24FF, U+2500-27BF, U+3000-30FF, "
                 "U+3190-319F, U+31F0-31FF, U+3200-33FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FE30-FE4F, "
                 "U+FF00-FFEF")
_UI = ('system-ui, -apple-system, blinkmacsystemfont, "Segoe UI", helvetica, arial, sans-serif, '
       '"Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol"')
_CODE = 'menlo, consolas, "DejaVu Sans Mono", monospace'


def custom_css(user_css: str = "") -> str:
    """The style sheet served as ``/custom/custom.css`` (``user_css`` appended)."""
    css = f"""/* written by kiji (kiji.report.lab): Japanese readable without system fonts */
@font-face {{
  font-family: "{FAMILY}";
  src: url("{FONT_FILE}") format("truetype");
  unicode-range: {UNICODE_RANGE};
  font-display: swap;
}}
:root:root, body.jp-ThemedContainer {{
  --jp-ui-font-family: "{FAMILY}", {_UI} !important;
  --jp-content-font-family: "{FAMILY}", {_UI} !important;
  --jp-code-font-family-default: {_CODE}, "{FAMILY}" !important;
  --jp-code-font-family: {_CODE}, "{FAMILY}" !important;
}}
/* text columns read left to right, like the report pages */
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th {{
  text-align: left !important; vertical-align: top !important; white-space: normal !important;
}}
"""
    if user_css.strip():
        css += "\n/* the user's own custom.css, unchanged */\n" + user_css
    return css


def custom_folder(folder: str | Path | None = None) -> Path:
    """Write ``custom.css`` and the font into ``folder`` (default: ``lab-custom`` in kiji's cache
    folder, else a temporary folder) and return it."""
    from jupyter_core.paths import jupyter_config_dir

    from ..core.fonts import japanese_font_path
    from ..core.paths import default_cache_dir

    if folder is None:
        folder = default_cache_dir() / "lab-custom"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            folder = Path(tempfile.mkdtemp(prefix="kiji-lab-"))
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    font, target = Path(japanese_font_path()), folder / FONT_FILE
    if not target.is_file() or target.stat().st_size != font.stat().st_size:
        shutil.copyfile(font, target)
    user = Path(jupyter_config_dir()) / "custom" / "custom.css"
    user_css = user.read_text(encoding="utf-8", errors="replace") if user.is_file() else ""
    (folder / "custom.css").write_text(custom_css(user_css), encoding="utf-8")
    return folder


def lab_arguments(argv: list[str], *, root: bool | None = None) -> list[str]:
    """``argv`` for ``jupyter lab`` with kiji's defaults: custom CSS on, 127.0.0.1 unless ``--ip`` is
    given, ``--allow-root`` when running as root.

    >>> lab_arguments(["--notebook-dir=notebooks"], root=False)
    ['--notebook-dir=notebooks', '--LabApp.custom_css=True', '--ServerApp.ip=127.0.0.1']
    >>> lab_arguments(["--ip", "0.0.0.0"], root=True)
    ['--ip', '0.0.0.0', '--LabApp.custom_css=True', '--allow-root']
    """
    root = (os.geteuid() == 0) if root is None else root
    args = list(argv) + ["--LabApp.custom_css=True"]
    if not any(a == "--ip" or a.startswith(("--ip=", "--ServerApp.ip")) for a in argv):
        args.append("--ServerApp.ip=127.0.0.1")
    if root and "--allow-root" not in argv:
        args.append("--allow-root")
    return args


def main(argv: list[str] | None = None) -> None:
    """Start JupyterLab (see the module doc); ``argv`` are ``jupyter lab``'s options."""
    from jupyterlab.labapp import LabApp

    folder = str(custom_folder())

    class KijiLab(LabApp):
        @classmethod
        def get_extension_package(cls):
            return "jupyterlab"  # the server loads JupyterLab itself; this class only starts it

        @classmethod
        def make_serverapp(cls, **kwargs):
            # /custom/ is served from these folders, first match wins: kiji's folder first, then
            # Jupyter's defaults (the config folder's custom/, the server's own)
            from jupyter_core.paths import jupyter_config_dir
            from jupyter_server import DEFAULT_STATIC_FILES_PATH

            paths = [folder, os.path.join(jupyter_config_dir(), "custom"),
                     os.path.join(DEFAULT_STATIC_FILES_PATH, "custom")]
            return cls.serverapp_class.instance(static_custom_path=paths, **kwargs)

    KijiLab.launch_instance(argv=lab_arguments(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    main()
