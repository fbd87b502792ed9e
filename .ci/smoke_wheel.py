"""Smoke test of a built wheel in a fresh environment: python .ci/smoke_wheel.py DIST_DIR.

Run with the fresh environment's interpreter, from outside the checkout, so that the
installed wheel (not the source tree) is what is imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import naltrexone_dose


def main(dist: Path) -> None:
    wheel = next(dist.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "naltrexone_dose/py.typed",
        "naltrexone_dose/data/box1.toml",
        "naltrexone_dose/data/writing.toml",
    ):
        assert needed in names, f"{needed} is missing from {wheel.name}"
    assert any(name.endswith(".tar.gz") for name in (p.name for p in dist.iterdir())), "no sdist"

    assert "site-packages" in naltrexone_dose.__file__, naltrexone_dose.__file__
    result = naltrexone_dose.classify_dose("LDN 4.5MG at bedtime")
    assert result.band is naltrexone_dose.Band.LOW, result
    assert naltrexone_dose.default_band_table().references[0].number == 1
    command = Path(sys.executable).with_name("naltrexone-dose")
    done = subprocess.run(
        [str(command), "--json", "350 mg/week"], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout)["band"] == "standard"
    print(f"wheel smoke test passed: {wheel.name} ({naltrexone_dose.__version__})")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
