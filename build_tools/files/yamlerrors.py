"""A YAML syntax error in a person's words, at the place where the problem starts.

PyYAML reports where its parser gave up (``problem_mark``) and, for some errors, where the
construct it was reading began (``context_mark``). An unclosed quote or bracket is only noticed
at the end of the front matter, lines below the mistake; the place to fix is where it opened.
Pure: a ``MarkedYAMLError`` in, a message with its 1-based line (``line_offset`` added, for
YAML that starts further down a file) and column, and a hint out.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class YamlProblem:
    message: str
    line: int  # 1-based, ``line_offset`` added
    col: int | None  # 1-based
    hint: str | None = None


def _mark(mark: yaml.Mark | None, offset: int) -> tuple[int, int | None]:
    return (mark.line + 1 + offset, mark.column + 1) if mark is not None else (1 + offset, None)


_BRACKETS = {"flow sequence": ("list", "[", "]"), "flow mapping": ("mapping", "{", "}")}


def explain_yaml_error(exc: yaml.MarkedYAMLError, line_offset: int = 0) -> YamlProblem:
    """Where the problem starts, what it is, and how to fix it."""
    context, problem = exc.context or "", exc.problem or str(exc)
    start, stop = exc.context_mark, exc.problem_mark

    def _at(mark: yaml.Mark | None) -> tuple[int, int | None]:
        return _mark(mark, line_offset)

    def _where(mark: yaml.Mark | None) -> str:
        line, col = _at(mark)
        return f"line {line}, column {col}" if col else f"line {line}"
    if "quoted scalar" in context and "end of stream" in problem:
        return YamlProblem("a quoted value starts here and is never closed", *_at(start),
                           "close the quote at the end of the value (double a ' inside "
                           "single quotes: 'it''s')")
    for construct, (noun, opening, closing) in _BRACKETS.items():
        if construct in context and start is not None:
            found = problem.split("but got", 1)[-1].strip() if "but got" in problem else problem
            return YamlProblem(f"the {noun} opened with '{opening}' here is not closed (found "
                               f"{found} at {_where(stop)})", *_at(start),
                               f"close it with '{closing}', or quote the whole value if it is "
                               "text")
    if "mapping values are not allowed" in problem:
        return YamlProblem(problem, *_at(stop), "quote a value that contains ': ', e.g. "
                           "title: 'Lavrov: talks go on'; or check the indentation")
    if "found character '\\t'" in problem:
        return YamlProblem("a tab character: YAML is indented with spaces", *_at(stop),
                           "replace the tab by spaces")
    if "cannot start any token" in problem:
        return YamlProblem(problem, *_at(stop), "quote a value that starts with @, ` or %")
    if "unknown escape character" in problem:
        return YamlProblem(problem, *_at(stop), "inside double quotes a backslash starts an "
                           "escape: write \\\\ for a backslash, or use single quotes")
    if "cannot be read as the type its tag" in problem:  # yamlsafe: "!!int x"
        return YamlProblem(problem, *_at(stop), "remove the !!tag, or write a value of that type; "
                           "quote the value to keep it as text")
    if "expected <block end>" in problem or "expected <document start>" in problem:
        return YamlProblem(f"{problem} (the indentation or a quote on this line does not fit "
                           f"what is above it)", *_at(stop),
                           "keys of one mapping start in the same column; text after a closing "
                           "quote must be inside the quotes")
    return YamlProblem(problem, *_at(stop or start))
