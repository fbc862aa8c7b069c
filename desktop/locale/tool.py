"""Keeping the catalogues: ``python -m desktop.locale.tool extract|update|compile|check``.

- ``extract`` finds every marked string in ``desktop/`` and writes ``desktop/locale/clcp.pot``;
- ``update`` brings each language's ``.po`` in line with it (new strings empty, changed
  ones marked fuzzy for a translator to look at);
- ``compile`` writes the ``.mo`` beside each ``.po`` (the build does it too);
- ``init L`` starts the catalogue of a new language with its plural rules;
- ``check`` fails (exit 1) when a language of ``COMPLETE_LANGUAGES`` has a string of the
  template not yet translated or fuzzy (``--fresh``: of the source as it is now, so a
  branch adding words is not refused before the translators had the template), or when
  any translation has a placeholder (``{name}``, ``%(name)s``) the English does not have,
  or lacks one it has: such a translation would fail when the text is filled in.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.pofile import read_po, write_po

from desktop import __version__
from desktop.i18n import DOMAIN, LOCALE_DIR, catalogue_path, write_mo

#: Languages whose catalogue is finished: ``check`` holds them to every string.
COMPLETE_LANGUAGES = frozenset({"fr", "ar", "sw"})
SOURCE_DIR = LOCALE_DIR.parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
#: The functions whose string arguments are extracted, beside gettext's usual ones:
#: Qt's ``tr(text)`` and ``tr(text, disambiguation)`` (the disambiguation is the message
#: context), the screens' ``_tr(text)`` helpers and ``QCoreApplication.translate(ctx, text)``.
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    **parse_keywords(["tr", "tr:1,2c,2t", "_tr", "translate:2", "NP_:1c,2"]),
}
_PLACEHOLDER = re.compile(
    r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)?(?:[!:][^{}]*)?\}|%\((\w+)\)[sdr]|(%[sdr])"
)


def extracted() -> Catalog:
    """Every marked string in the source, with where it is used."""
    catalogue = Catalog(project="CLCP Desktop", version=__version__, charset="utf-8")
    found = extract_from_dir(
        str(SOURCE_DIR),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for file_name, line, message, comments, context in found:
        location = (f"{SOURCE_DIR.name}/{file_name}", line)
        catalogue.add(message, None, [location], auto_comments=comments, context=context)
    return catalogue


def _write(catalogue: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        write_po(out, catalogue, width=0, include_previous=True)


def _read(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=path.parent.parent.name)


def languages_present() -> list[str]:
    """The languages that have a catalogue, by code."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract() -> Catalog:
    template = extracted()
    _write(template, TEMPLATE)
    print(f"{len(template)} strings written to {TEMPLATE.relative_to(SOURCE_DIR.parent)}")
    return template


def update() -> None:
    template = extract()
    for code in languages_present():
        catalogue = _read(catalogue_path(code))
        catalogue.update(template)
        _write(catalogue, catalogue_path(code))
        print(f"{code}: {_statistics(catalogue)}")


def init(code: str) -> None:
    path = catalogue_path(code)
    if path.exists():
        raise SystemExit(f"{path} exists already: use update")
    template = extracted()
    catalogue = Catalog(locale=code, project="CLCP Desktop", version=__version__)
    catalogue.update(template)
    _write(catalogue, path)
    print(f"{code}: {_statistics(catalogue)}")


def compile_all() -> list[Path]:
    written = []
    for code in languages_present():
        path = catalogue_path(code)
        write_mo(path, path.with_suffix(".mo"))
        written.append(path.with_suffix(".mo"))
    return written


def _statistics(catalogue: Catalog) -> str:
    messages = [m for m in catalogue if m.id]
    done = sum(1 for m in messages if _translated(m) and not m.fuzzy)
    fuzzy = sum(1 for m in messages if m.fuzzy)
    return f"{done} of {len(messages)} translated, {fuzzy} fuzzy"


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else [message.string]
    return all(strings)


def placeholders(text: str) -> Counter[str]:
    """The names filled into ``text`` (``{}`` counts as one unnamed)."""
    return Counter(
        named or percent or bare for named, percent, bare in _PLACEHOLDER.findall(text)
    )


def placeholder_problem(message: Message) -> str | None:
    """What is wrong with the translation's placeholders, if anything."""
    ids = message.id if isinstance(message.id, tuple | list) else [message.id]
    wanted = placeholders(ids[0])
    if len(ids) > 1:  # a plural's singular may say "one" where the plural says {n}
        wanted = placeholders(ids[1])
    strings = message.string if isinstance(message.string, tuple | list) else [message.string]
    for string in strings:
        if not string:
            continue
        has = placeholders(string)
        if has != wanted and not (len(ids) > 1 and set(has) <= set(wanted)):
            return f"placeholders {sorted(has.elements())} where the English has {sorted(wanted)}"
    return None


def problems(code: str, template: Catalog | None = None) -> list[str]:
    """Everything wrong with one language's catalogue (empty: nothing)."""
    catalogue = _read(catalogue_path(code))
    complete = code in COMPLETE_LANGUAGES
    found: list[str] = []
    for message in catalogue:
        if not message.id:
            continue
        where = f"{code}: {_shown(message)}"
        if complete and not _translated(message):
            found.append(f"{where}: not translated")
        if complete and message.fuzzy:
            found.append(f"{where}: fuzzy")
        problem = placeholder_problem(message) if _translated(message) else None
        if problem:
            found.append(f"{where}: {problem}")
    if complete and template is not None:
        for message in template:
            if message.id and catalogue.get(message.id, message.context) is None:
                found.append(f"{code}: {_shown(message)}: missing")
    return found


def _shown(message: Message) -> str:
    text = message.id[0] if isinstance(message.id, tuple | list) else message.id
    context = f"[{message.context}] " if message.context else ""
    return f"{context}{text!r}"


def check(codes: Iterable[str] | None = None, *, fresh: bool = False) -> list[str]:
    """The problems of each language's catalogue, held against the committed template
    (``fresh``: against the strings in the source now, as ``update`` would bring them)."""
    template = extracted() if fresh else _read(TEMPLATE)
    every: list[str] = []
    for code in codes or languages_present():
        every.extend(problems(code, template))
    return every


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.locale.tool")
    parser.add_argument("action", choices=["extract", "update", "compile", "check", "init"])
    parser.add_argument("languages", nargs="*")
    parser.add_argument(
        "--fresh", action="store_true", help="check: against the source, not clcp.pot"
    )
    args = parser.parse_args(argv)
    if args.action == "extract":
        extract()
    elif args.action == "update":
        update()
    elif args.action == "init":
        for code in args.languages:
            init(code)
    elif args.action == "compile":
        for path in compile_all():
            print(f"wrote {path.relative_to(SOURCE_DIR.parent)}")
    else:
        found = check(args.languages or None, fresh=args.fresh)
        for line in found:
            print(line)
        print(f"{len(found)} problems")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
