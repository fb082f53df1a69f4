"""The project's own words in ``conf.py``: kinds, tag labels, extra fields shown.

``readinglist_kinds``, ``readinglist_tag_labels`` and
``readinglist_show_extra`` are checked when the config is read: each bad
item is a ``readinglist.config`` warning and is left out, and the rest is
kept (a value of the wrong type as a whole falls back to its default, as
for every setting, in :mod:`.config`). A label is a text, shown as given,
or a mapping of language codes to texts, from which the project's
``language`` picks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sphinx.util.logging import getLogger

from .cards.labels import KIND_LABELS, ProjectLabels, tag_slug
from .data.extra import extra_name_problem
from .data.messages import cut, shown
from .data.model import KINDS, MAX_KIND_NAME
from .data.schema_check import is_kind_name
from .warnings_ import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.config import Config

logger = getLogger(__name__)

#: A label's form, for the messages, with an example of each.
LABEL_FORM = "a text, or a mapping of language codes to texts such as {}"


def _warn(message: str) -> None:
    logger.warning(message, type=WARNING_TYPE, subtype=Subtype.CONFIG.value)


def _text_ok(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def label_ok(value: object) -> bool:
    """Whether ``value`` is a label: a text, or language codes mapped to texts."""
    if isinstance(value, Mapping):
        return bool(value) and all(
            _text_ok(code) and _text_ok(text) for code, text in value.items()
        )
    return _text_ok(value)


def label_in(value: str | Mapping[str, str], language: str | None) -> str:
    """The text of a label in ``language`` (``fr``, ``pt_BR``...).

    A mapping gives the text of the language, else of its base language
    (``pt`` for ``pt_BR``), else of English, else its first text.
    """
    if isinstance(value, str):
        return value
    texts = {_language_key(code): text for code, text in value.items()}
    wanted = _language_key(language or "en")
    for code in (wanted, wanted.split("-")[0], "en"):
        if code in texts:
            return texts[code]
    return next(iter(texts.values()))


def _language_key(code: str) -> str:
    return code.strip().replace("_", "-").lower()


def _shown(value: object) -> str:
    return shown(value) if isinstance(value, str) else cut(repr(value))


def _bad_label(
    setting: str, name: object, label: object, what: str, example: str
) -> None:
    _warn(
        f"{setting}: the label of {_shown(name)} must be "
        f"{LABEL_FORM.format(example)}, got {_shown(label)}. {what} is ignored"
    )


def _kind_name_hint(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"{slug!r}" if is_kind_name(slug) else "'dataset'"


def checked_kinds(value: Mapping[Any, Any]) -> dict[str, Any]:
    """The good items of ``readinglist_kinds``; each bad one is warned about."""
    kept: dict[str, Any] = {}
    for name, label in value.items():
        setting = "readinglist_kinds"
        if name in KINDS:
            _warn(
                f"{setting}: {name!r} is a built-in kind, with a translated "
                "label of its own; remove it. It is ignored"
            )
        elif not is_kind_name(name):
            _warn(
                f"{setting}: {_shown(name)} is not a kind's name; use "
                f"lowercase letters, digits and single hyphens, at most "
                f"{MAX_KIND_NAME} characters, such as {_kind_name_hint(str(name))}. "
                "It is ignored"
            )
        elif not label_ok(label):
            _bad_label(
                setting,
                name,
                label,
                "The kind",
                "{'en': 'Dataset', 'fr': 'Jeu de données'}",
            )
        else:
            kept[name] = label
    return kept


def checked_tag_labels(value: Mapping[Any, Any]) -> dict[str, Any]:
    """The good items of ``readinglist_tag_labels``, by tag slug."""
    kept: dict[str, Any] = {}
    written: dict[str, str] = {}
    for tag, label in value.items():
        setting = "readinglist_tag_labels"
        slug = tag_slug(tag) if isinstance(tag, str) else ""
        if not slug:
            _warn(
                f"{setting}: {_shown(tag)} is not a tag; write a tag as the "
                "data writes it, such as 'cv'. It is ignored"
            )
        elif slug in kept:
            _warn(
                f"{setting}: {_shown(tag)} is the same tag as "
                f"{_shown(written[slug])} (tags match ignoring case and "
                "spaces); keep one of them. The second is ignored"
            )
        elif not label_ok(label):
            _bad_label(
                setting,
                tag,
                label,
                "The label",
                "{'en': 'Computer vision', 'fr': 'Vision par ordinateur'}",
            )
        else:
            kept[slug] = label
            written[slug] = tag
    return kept


def checked_show_extra(value: Any) -> dict[str, Any]:
    """The good items of ``readinglist_show_extra``, as names mapped to labels.

    A list of names labels each field with its name.
    """
    setting = "readinglist_show_extra"
    items = value.items() if isinstance(value, Mapping) else ((n, n) for n in value)
    kept: dict[str, Any] = {}
    for name, label in items:
        problem = (
            extra_name_problem(name)
            if isinstance(name, str)
            else "is not a text; write the name as the data writes it under extra"
        )
        if problem is not None:
            _warn(f"{setting}: the name {_shown(name)} {problem}. It is ignored")
        elif name in kept:
            _warn(f"{setting}: {name!r} is listed twice; the second is ignored")
        elif not label_ok(label):
            _bad_label(
                setting, name, label, "The field", "{'en': 'Stars', 'fr': 'Étoiles'}"
            )
        else:
            kept[name] = label
    return kept


def check_vocabulary(config: Config) -> None:
    """Keep the good items of the three settings (each bad one warned about)."""
    config.readinglist_kinds = checked_kinds(config.readinglist_kinds)
    config.readinglist_tag_labels = checked_tag_labels(config.readinglist_tag_labels)
    config.readinglist_show_extra = checked_show_extra(config.readinglist_show_extra)


def project_labels(config: Config) -> ProjectLabels:
    """The project's words in its language, from the checked settings."""
    language = getattr(config, "language", None)
    kinds = config.readinglist_kinds
    show = config.readinglist_show_extra
    if not isinstance(show, Mapping):  # a list, before the config is checked
        show = {name: name for name in show}
    return ProjectLabels(
        kinds=KINDS + tuple(kind for kind in kinds if kind not in KIND_LABELS),
        kind_labels={kind: label_in(label, language) for kind, label in kinds.items()},
        tag_labels={
            tag_slug(tag): label_in(label, language)
            for tag, label in config.readinglist_tag_labels.items()
        },
        extra=tuple((name, label_in(label, language)) for name, label in show.items()),
    )
