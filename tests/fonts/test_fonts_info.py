"""The shipped faces' header values come from ``fonts/faces.json`` rather than fontTools:
the file says exactly what fontTools reads, and a face it does not describe (a changed
file, a user's or a system's font) is read with fontTools as before."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from sharecard.resources import data_dir
from sharecard.typeset.fonts import SHIPPED_INFO, FontLibrary, load_face, read_info

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("font_info", ROOT / "scripts" / "font_info.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_faces_json_is_what_fonttools_reads():
    folder = data_dir("fonts")
    assert (folder / SHIPPED_INFO).read_text(encoding="utf-8") == _script().render(folder), (
        "fonts/faces.json is stale: run python scripts/font_info.py")


def test_shipped_faces_load_without_fonttools():
    code = ("import sys\nfrom sharecard.typeset.fonts import FontLibrary\n"
            "lib = FontLibrary.default(system=False)\n"
            "print(len(lib.faces), 'fontTools' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    count, imported = done.stdout.split()
    assert int(count) >= 9 and imported == "False"


def test_faces_read_either_way_are_the_same():
    for face in FontLibrary.default(system=False).faces:
        again = load_face(face.path, face.index, origin="user")  # read with fontTools
        assert (face.family, face.weight, face.metrics, face.color, face.key) == (
            again.family, again.weight, again.metrics, again.color, again.key)


def test_a_changed_file_is_read_again(tmp_path):
    folder = data_dir("fonts")
    shutil.copy(folder / "Inter-Bold.otf", tmp_path / "Inter-Bold.otf")
    rows = (folder / SHIPPED_INFO).read_text(encoding="utf-8")
    (tmp_path / SHIPPED_INFO).write_text(rows.replace('"family": "Inter"', '"family": "Other"'),
                                         encoding="utf-8")
    assert load_face(tmp_path / "Inter-Bold.otf").family == "Other"  # described: trusted
    with (tmp_path / "Inter-Bold.otf").open("ab") as grown:
        grown.write(b"\0" * 4)  # another size: described no more
    face = load_face(tmp_path / "Inter-Bold.otf")  # read with fontTools
    assert face.family == "Inter" == read_info(face.path, 0, face.upem).family
