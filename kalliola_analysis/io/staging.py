"""A processed data set written as a whole: staged in a sibling folder, swapped in.

``prepare`` writes each data set into a new sibling folder (:func:`staged`)
and swaps it in for the previous one by renames, so an interrupted run leaves
the previous data set intact. It refuses an output folder that overlaps the
raw tree (:func:`check_not_inside`) or holds files it did not write
(:func:`check_ours`). The manifest records no time stamps (deterministic output).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import ParameterError
from .atomic import atomic_write, exchange_paths, file_sha256, fsync_dir
from .dataset import DATASET_FILE, is_ignored
from .processed import MANIFEST, foreign_files

__all__ = [
    "check_not_inside",
    "check_ours",
    "staged",
    "output_checksums",
    "raw_files",
    "copy_dataset_toml",
    "write_manifest",
]


def _overlap(raw: Path, out: Path) -> str | None:
    """How ``out`` overlaps ``raw`` (``"is"``, ``"lies inside"``, ``"contains"``), or None."""
    raw_r, out_r = raw.resolve(), out.resolve()
    if out_r == raw_r:
        return "is"
    if raw_r in out_r.parents:
        return "lies inside"
    if out_r in raw_r.parents:
        return "contains"
    return None


def check_not_inside(raw: Path, out: Path) -> None:
    """Refuse an output folder that is, lies inside or contains the raw folder."""
    how = _overlap(raw, out)
    if how is not None:
        raise ParameterError(
            f"the processed folder {str(out)!r} {how} the raw folder {str(raw)!r}; raw data is "
            "never written and prepare replaces its output folder as a whole: choose a "
            "processed folder outside the raw tree (default data/processed)"
        )


def check_ours(out: Path) -> None:
    """Refuse to replace a folder holding files ``prepare`` did not write."""
    if out.exists() and not out.is_dir():
        raise ParameterError(f"the processed folder {str(out)!r} is a file, not a folder")
    foreign = foreign_files(out)
    if foreign:
        shown = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
        raise ParameterError(
            f"the processed folder {str(out)!r} holds files prepare did not write ({shown}); "
            "prepare replaces its output folders as a whole and never deletes other files: "
            "choose an empty or a processed folder (default data/processed)"
        )


def _leftovers(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.new-*")) + sorted(
        out.parent.glob(f".{out.name}.old-*")
    )


def _recover(out: Path) -> None:
    """Undo what an interrupted swap left: restore a moved-away data set, drop the rest."""
    if not out.parent.is_dir():
        return
    for old in sorted(out.parent.glob(f".{out.name}.old-*")):
        kept = old / out.name
        if not out.exists() and kept.is_dir():
            os.replace(kept, out)
    for p in _leftovers(out):
        shutil.rmtree(p, ignore_errors=True)


def _swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` by the complete folder ``staging``, keeping ``out`` until the swap.

    Nested data sets (sub-folders) and hidden files (``.salt``) of the old
    folder move into the new one first. Then the new folder takes the old
    one's place in ONE atomic exchange on Linux
    (``renameat2(RENAME_EXCHANGE)``, :func:`exchange_paths`), the parent
    folder is ``fsync``-ed and the old copy removed. A reader sees the whole
    old data set or the whole new one. Where the system cannot exchange, two
    renames within one folder do it (if the process is killed between them,
    no folder: a clear error, and the next ``prepare`` restores or replaces it).
    """
    if out.is_dir():
        for child in sorted(out.iterdir()):
            if (child.is_dir() or child.name.startswith(".")) and not (
                staging / child.name
            ).exists():
                os.replace(child, staging / child.name)
        if exchange_paths(staging, out):  # one atomic step: never a moment without `out`
            fsync_dir(out.parent)
            shutil.rmtree(staging, ignore_errors=True)  # now the old data set
            return
        old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
        os.replace(out, old / out.name)
        os.replace(staging, out)
        fsync_dir(out.parent)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, out)
        fsync_dir(out.parent)


@contextlib.contextmanager
def staged(out: Path):
    """A new sibling folder to write a data set into; swapped in for ``out`` on success."""
    out.parent.mkdir(parents=True, exist_ok=True)
    _recover(out)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
    try:
        yield staging
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def output_checksums(folder: Path) -> dict[str, str]:
    """``{file name: sha256}`` of every file ``prepare`` wrote to ``folder`` (not the manifest)."""
    return {
        p.name: file_sha256(p)
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != MANIFEST and not p.name.startswith(".")
    }


def raw_files(raw_dir: Path) -> list[Path]:
    """Every input file of a raw folder (hidden files and Office lock files ``~$`` left out)."""
    return [p for p in sorted(raw_dir.iterdir()) if p.is_file() and not is_ignored(p.name)]


def copy_dataset_toml(raw_dir: Path, out_dir: Path) -> Path | None:
    """Copy ``dataset.toml`` atomically when ``raw_dir`` has one; return the raw file."""
    toml = raw_dir / DATASET_FILE
    if not toml.is_file():
        return None
    data = toml.read_bytes()
    atomic_write(out_dir / DATASET_FILE, lambda fh: fh.write(data))
    return toml


def write_manifest(out_dir: Path, manifest: Mapping) -> Path:
    """Write ``manifest.json`` atomically: sorted keys, no time stamps (deterministic)."""
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return atomic_write(out_dir / MANIFEST, lambda fh: fh.write(text.encode("utf-8")))
