"""``seed_file``: a seed is published only when it is a regular file under seeds/ reached
without symlinks; the quick way (one lstat a part) answers as the resolving way does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools.files.seeds import _seed_file_resolved, seed_file

CASES = {"seeds/a.txt": True, "seeds/sub/b.txt": True, "seeds/./a.txt": True,
         "seeds/sub/../a.txt": True, "seeds/link.txt": False, "seeds/sublink/b.txt": False,
         "seeds/../outside.txt": False, "seeds": False, "seeds/missing.txt": False,
         "seeds/sub": False, "/etc/passwd": False, "corpus/x.md": False}


@pytest.mark.parametrize("via_link", [False, True])
def test_only_regular_files_under_seeds_without_symlinks_are_seeds(tmp_path: Path, via_link: bool) -> None:
    root = tmp_path / "project"
    (root / "seeds" / "sub").mkdir(parents=True)
    for name in ("seeds/a.txt", "seeds/sub/b.txt", "outside.txt"):
        (root / name).write_text("x", encoding="utf-8")
    os.symlink(root / "outside.txt", root / "seeds" / "link.txt")
    os.symlink(root / "seeds" / "sub", root / "seeds" / "sublink")
    if via_link:  # the project reached through a symlink of its own: still its seeds
        os.symlink(root, tmp_path / "link")
        root = tmp_path / "link"
    for seed, published in CASES.items():
        found = seed_file(root, seed)
        assert (found is not None) is published, seed
        path = root / seed
        try:
            relative = path.relative_to(root / "seeds")
        except ValueError:
            continue
        assert found == _seed_file_resolved(root / "seeds", path, relative), seed


def test_a_symlinked_seeds_folder_publishes_nothing(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "project").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "project" / "seeds")
    assert seed_file(tmp_path / "project", "seeds/a.txt") is None
