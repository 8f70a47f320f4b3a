"""Reading text files people and scrapers produce, and writing files without ever truncating one.

``read_text`` accepts UTF-8 (with or without BOM) and CRLF line ends and refuses binary or
undecodable input with a located error instead of producing mojibake: a NUL byte, or control
characters in more than 1% of the text (a few stray ones are left to ``files.cleantext``). ``write_atomic``
writes a sibling temporary file, flushes it to disk and renames it over the target (and
``create_exclusive`` links it, never over an existing file), so an interrupted write (Ctrl+C,
``kill -9``, a full disk, a power cut) never leaves a half file behind. The folder is synced
after the rename or link so the new name survives a power cut too (a batch of new files is
flushed and linked together by ``files.newfiles``). The temporary file is
named ``.<name>.<pid>.<random>.tmp``: a later run recognises one whose writer died
(``files.leftovers``) and removes it.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from build_tools.diagnostics import DiagnosticError, error

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def decode_text(data: bytes, *, allow_cp1251: bool = False) -> DecodedText:
    """Decode bytes to text with ``\\n`` line ends; raise ``DiagnosticError`` (with the line, no
    path) when it cannot."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise DiagnosticError(error("file is binary (contains NUL bytes)", "binary-file", line=line,
                                    hint="seeds and corpus files must be plain text"))
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if allow_cp1251 and _looks_cp1251(data):
            text, encoding = data.decode("cp1251"), "cp1251"
        else:
            line = data[: exc.start].count(b"\n") + 1
            raise DiagnosticError(error(f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at "
                                        f"offset {exc.start})", "not-utf8", line=line,
                                        hint="re-save the file as UTF-8")) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = _CONTROL.findall(text)
    # A stray control character is a bad copy (removed and reported by files.cleantext); many
    # of them are a binary file.
    if len(controls) > max(2, len(text) // 100):
        bad = _CONTROL.search(text)
        assert bad is not None
        pos = bad.start()
        raise DiagnosticError(error(f"file contains control character U+{ord(bad.group()):04X}",
                                    "binary-file", line=text.count("\n", 0, pos) + 1,
                                    hint="is this a binary file? seeds must be plain text"))
    return DecodedText(text, encoding)


def _looks_cp1251(data: bytes) -> bool:
    """Windows-1251 Cyrillic text: high bytes decode to whole Cyrillic words.

    Latin-1 text such as "Café" would decode to "Cafй", a Cyrillic letter inside a Latin
    word: that is mojibake, so such files are refused rather than guessed.
    """
    if len(re.findall(rb"[\xd0\xd1][\x80-\xbf]", data)) >= 3:
        return False  # UTF-8 Cyrillic letters next to invalid bytes: a mixed file, not cp1251
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return False
    words = re.findall(r"\w+", text)
    cyrillic = [w for w in words if re.search(r"[А-Яа-яЁё]", w)]
    if not cyrillic:
        return False
    mixed = [w for w in cyrillic if re.search(r"[A-Za-z]", w)]
    long_words = [w for w in cyrillic if len(w) >= 3]
    return not mixed and len(long_words) >= len(cyrillic) / 2


def read_text(path: Path, *, allow_cp1251: bool = False) -> DecodedText:
    return decode_text(path.read_bytes(), allow_cp1251=allow_cp1251)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary sibling and an atomic rename."""
    _replace_atomic(path, text.encode("utf-8"))


def copy_atomic(source: Path, target: Path) -> None:
    """Copy bytes through a temporary sibling and an atomic rename."""
    _replace_atomic(target, source.read_bytes())


def _file_mode(path: Path) -> int:
    """The existing file's mode, or what a plain open() would create (mkstemp makes 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def temporary_sibling(path: Path) -> tuple[int, str]:
    """A new temporary sibling of ``path``, named after this process (see files.leftovers)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    os.chmod(tmp, _file_mode(path))
    return fd, tmp


def new_temporary_sibling(path: Path) -> tuple[int, str]:
    """A temporary sibling of ``path``, which does not exist yet: named as ``temporary_sibling``
    names them, with the mode open() gives a new file (0o666 less the umask), so it needs no
    look at ``path`` nor a chmod."""
    prefix = f"{path.parent}{os.sep}.{path.name}.{os.getpid()}."
    for _ in range(100):
        temporary = f"{prefix}{secrets.token_hex(4)}.tmp"
        try:
            return os.open(temporary, _NEW_FLAGS, 0o666), temporary
        except FileExistsError:  # pragma: no cover - one name in four billion
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path))  # pragma: no cover


_NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def _write_durably(fd: int, data: bytes) -> None:
    """Write and flush to the disk: a link or rename must never publish a file whose blocks
    are not written yet (after a power cut it would be empty)."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """Make the new name itself durable; best effort (not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems that refuse it
        pass
    finally:
        os.close(fd)


def _replace_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temporary_sibling(path)
    try:
        _write_durably(fd, data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def create_exclusive(path: Path, text: str) -> bool:
    """Create ``path`` atomically only if it does not exist yet; False if it already exists.
    (Many new files at once: ``files.newfiles.NewFiles``, one flush for the batch.)"""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temporary_sibling(path)
    try:
        _write_durably(fd, text.encode("utf-8"))
        try:
            os.link(tmp, path)  # fails if path exists: never replaces a person's file
        except FileExistsError:
            return False
        _sync_folder(path.parent)
        return True
    finally:
        Path(tmp).unlink(missing_ok=True)


def sync_folders(folders: set[Path]) -> None:
    """Make new names in ``folders`` durable, one sync a folder."""
    for folder in sorted(folders):
        _sync_folder(folder)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` (a binary file, such as a database) through a temporary sibling and a rename."""
    _replace_atomic(path, data)
