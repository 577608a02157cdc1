"""Printouts written to files: readable by their owner only (0600, they name a person),
never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_file(path: Path, data: bytes, replace: bool = False) -> Path:
    """Write ``data`` to a new file at ``path``, mode 0600. ``FileExistsError`` when it
    exists, unless ``replace``: then the old file is replaced whole (a new 0600 file is
    renamed over it, so it never shows half written nor keeps its old mode)."""
    if not replace:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return path
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def save_printout(folder: Path, stem: str, files: dict[str, bytes]) -> list[Path]:
    """Write each ``suffix: data`` of ``files`` as ``folder/stem.suffix`` — or
    ``stem-2.suffix`` and so on, the first number none of them is taken — and return the
    paths. ``OSError`` when the folder cannot be written."""
    for number in range(1, 1000):
        name = stem if number == 1 else f"{stem}-{number}"
        paths = [folder / f"{name}.{suffix}" for suffix in files]
        if any(path.exists() for path in paths):
            continue
        written: list[Path] = []
        try:
            for path, data in zip(paths, files.values(), strict=True):
                written.append(write_file(path, data))
        except FileExistsError:  # taken meanwhile: try the next number
            for path in written:
                path.unlink(missing_ok=True)
            continue
        return written
    raise FileExistsError(f"{folder / stem}.{next(iter(files))}")
