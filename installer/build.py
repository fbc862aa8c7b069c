"""Builds the one-folder bundle of CLCP Desktop, smoke-tests it and reports its size.

    uv run --group build python installer/build.py [--skip-build] [--estimate-installer]

The same command works on Linux and Windows (the Windows installer is then made from the
bundle by Inno Setup, see clcp.iss). Steps: draw the icon from resources/clcp.svg, run
PyInstaller on clcp.spec, run the bundled program headless (see smoke.py), print the size.
Exits 0 when everything passed, 1 when a step failed, 2 on bad use.
"""

from __future__ import annotations

import argparse
import importlib.util
import lzma
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import bundle_contents as contents
from make_icon import make_icon
from smoke import SmokeFailure, smoke_test

DIST_DIR = contents.PROJECT_DIR / "dist"
WORK_DIR = contents.PROJECT_DIR / "build"
ICON_FILE = WORK_DIR / "clcp.ico"
SPEC_FILE = contents.INSTALLER_DIR / "clcp.spec"
MB = 1024 * 1024


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under ``folder``."""
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def compressed_estimate(folder: Path) -> int:
    """Bytes of the folder as one LZMA stream: near what Inno Setup's solid LZMA2 makes."""
    with tempfile.TemporaryDirectory(prefix="clcp-estimate-") as scratch:
        archive = Path(scratch) / "bundle.tar.xz"
        with (
            lzma.open(archive, "wb", preset=9) as packed,
            tarfile.open(fileobj=packed, mode="w") as tar,
        ):
            tar.add(folder, arcname=folder.name)
        return archive.stat().st_size


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller; the bundle folder it made."""
    if importlib.util.find_spec("PyInstaller") is None:
        print(
            "build.py: PyInstaller is missing; run it as "
            "`uv run --group build python installer/build.py`",
            file=sys.stderr,
        )
        raise SystemExit(2)
    print(f"==> icon: {make_icon(contents.SVG_ICON, ICON_FILE)}")
    print("==> translations (.mo beside each .po, bundled with the package's files)")
    subprocess.run(
        [sys.executable, "-m", "desktop.locale.tool", "compile"],
        check=True,
        cwd=contents.PROJECT_DIR,
    )
    print("==> PyInstaller (one folder)")
    env = {**os.environ, "CLCP_BUILD_ICON": str(ICON_FILE), "QT_QPA_PLATFORM": "offscreen"}
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work / "pyinstaller"),
        str(SPEC_FILE),
    ]
    subprocess.run(command, env=env, check=True, cwd=contents.PROJECT_DIR)
    return dist / contents.BUNDLE_NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build and smoke-test the one-folder bundle.")
    parser.add_argument("--dist", type=Path, default=DIST_DIR, help="where the bundle goes")
    parser.add_argument("--work", type=Path, default=WORK_DIR, help="PyInstaller's work folder")
    parser.add_argument("--skip-build", action="store_true", help="smoke-test an existing bundle")
    parser.add_argument("--no-smoke", action="store_true", help="build only")
    parser.add_argument(
        "--estimate-installer",
        action="store_true",
        help="also compress the bundle to estimate the installer's size (slow)",
    )
    args = parser.parse_args(argv)
    bundle = args.dist / contents.BUNDLE_NAME
    try:
        if not args.skip_build:
            started = time.monotonic()
            if bundle.exists():
                shutil.rmtree(bundle)
            bundle = build(args.dist, args.work)
            print(f"    built in {time.monotonic() - started:.0f} s")
        if not args.no_smoke:
            print(f"==> smoke test of {bundle}")
            started = time.monotonic()
            smoke_test(bundle)
            print(f"    passed in {time.monotonic() - started:.0f} s")
    except subprocess.CalledProcessError as error:
        print(f"build.py: PyInstaller failed (exit {error.returncode})", file=sys.stderr)
        return 1
    except SmokeFailure as failure:
        print(f"build.py: smoke test failed: {failure}", file=sys.stderr)
        return 1
    size, files = folder_size(bundle)
    print(f"==> bundle: {bundle}\n    {size / MB:.0f} MB in {files} files")
    if args.estimate_installer:
        started = time.monotonic()
        packed = compressed_estimate(bundle)
        print(
            f"    installer estimate: {packed / MB:.0f} MB "
            f"(LZMA of this platform's bundle, {time.monotonic() - started:.0f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
