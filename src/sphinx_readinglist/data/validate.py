"""Entries -> :class:`~.model.Resource`: each checked, completed and made safe.

An entry takes the file's defaults, passes the pre-checks and the schema,
and loses only what is wrong in it (a bad field, link or translation); its
URLs and image are checked against the limits, and its id made unique.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..warnings_ import Subtype
from .addresses import is_scheme_relative
from .extra import check_extra
from .identifiers import check_identifiers
from .images import unsafe_image_path_reason
from .messages import cut, describe, did_you_mean, entry_label, refused_message, shown
from .model import KINDS, Limits, Link, Markup, Resource, Text
from .prechecks import Collector, check_nested_keys, precheck, to_plain
from .schema_check import (
    FIELDS,
    entry_errors,
    jsonschema_validator,
    schema,
    schema_error_line,
    schema_message,
    unknown_keys,
    written_as,
)
from .urls import unsafe_url_reason, url_scheme
from .yaml_values import LineDict, Refused, Usage

#: Fields that say the same thing: an entry that sets one of them takes
#: the other from no default.
_ONE_VALUE = {"year": "date", "date": "year"}

#: The fields that belong to one entry each, and so have no default.
PER_ENTRY = ("id", "title", "doi", "arxiv", "isbn", "archive", "extra")


def slugify(text: str) -> str:
    """An HTML-id-safe slug: ``"Dropout: A Simple Way"`` -> ``"dropout-a-simple-way"``."""
    ascii_text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].rstrip("-") or "resource"


def _bad_item(field: str, path: list[Any], error: Any) -> Any | None:
    """The one link (its index) or language (its code) that ``error`` drops,
    keeping the others of ``field``; None when the error drops the field."""
    if field in ("links", "translations") and len(path) > 1:
        return path[1]
    if field == "translations" and error.validator == "pattern":
        return error.instance  # a bad language code
    return None


def checked_defaults(
    defaults: LineDict | None,
    collect: Collector,
    *,
    controls: bool,
    max_tags: int,
    kinds: tuple[str, ...] = KINDS,
) -> tuple[dict[str, Any], dict[str, int]]:
    if defaults is None:
        return {}, {}
    collect.keys(defaults, "defaults")
    check_nested_keys(collect, defaults, "defaults")
    texts = defaults.texts
    values = {
        key: to_plain(key, value, texts.get(key)) for key, value in defaults.items()
    }
    precheck(
        collect,
        values,
        defaults.lines,
        "defaults",
        source=defaults,
        controls=controls,
        max_tags=max_tags,
    )
    bad: set[str] = set()
    # as in an entry, a bad link or language drops itself, not its neighbours
    bad_items: dict[str, set[Any]] = {"links": set(), "translations": set()}
    told: set[tuple[int, str]] = set()
    for error in jsonschema_validator("defaults", kinds).iter_errors(values):
        path = list(error.absolute_path)
        line = schema_error_line(defaults, path, error)
        if error.validator == "additionalProperties" and not path:
            known = list(schema()["$defs"]["defaults"]["properties"])
            for key in values:
                if key not in known:
                    why = (
                        "is set per entry, not in defaults"
                        if key in PER_ENTRY
                        else "is not a field" + did_you_mean(key, known)
                    )
                    collect.add(defaults.lines[key], f"defaults: {shown(key)} {why}")
                    bad.add(key)
            continue
        if error.validator == "additionalProperties":
            for message, key_line in unknown_keys(error, defaults, label="defaults"):
                collect.add(key_line, message)
            continue
        message = schema_message(
            error, label="defaults", written=written_as(defaults, path), kinds=kinds
        )
        if (line, message) not in told:  # '' is both too short and blank
            told.add((line, message))
            collect.add(line, message)
        field = str(path[0]) if path else ""
        item = _bad_item(field, path, error)
        if item is not None:
            bad_items[field].add(item)
        elif field:
            bad.add(field)
    kept = {k: v for k, v in values.items() if k not in bad}
    # left out, not left as None as in an entry: a default link has no line
    # of its own to keep in step with
    if bad_items["links"] and isinstance(kept.get("links"), list):
        kept["links"] = [
            link for i, link in enumerate(kept["links"]) if i not in bad_items["links"]
        ]
    if bad_items["translations"] and isinstance(kept.get("translations"), dict):
        kept["translations"] = {
            lang: url
            for lang, url in kept["translations"].items()
            if lang not in bad_items["translations"]
        }
    return kept, {k: defaults.lines[k] for k in kept}


class EntryBuilder:
    """Validates and converts the entries of one file."""

    def __init__(
        self,
        collect: Collector,
        *,
        markup: Markup,
        defaults: dict[str, Any],
        default_lines: dict[str, int],
        limits: Limits,
        controls: bool,
        room: Usage,
    ) -> None:
        """:param room: what the entries may still expand to, through the
        defaults they take; used up as they are built."""
        self.collect = collect
        self.markup = markup
        self.defaults = defaults
        self.default_lines = default_lines
        self.limits = limits
        self.controls = controls
        self.room = room
        self.default_sizes = {key: _size(value) for key, value in defaults.items()}
        self.seen_ids: dict[str, int] = {}
        # the next suffix to try per id: 20,000 entries of one title
        # probe each suffix once, not 2..n again (issue 11)
        self.next_suffix: dict[str, int] = {}

    def build(self, entry: Any, index: int, line: int) -> Resource | None:
        if isinstance(entry, Refused):
            self.collect.add(line, refused_message(entry, index))
            return None
        if not isinstance(entry, LineDict):
            self.collect.add(
                line,
                f"entry #{index + 1} must be a mapping of fields, got "
                f"{describe(entry)}; write e.g. - title: Deep learning",
            )
            return None
        label = entry_label(entry, index)
        self.collect.keys(entry, label)
        check_nested_keys(self.collect, entry, label)
        texts = entry.texts
        data: dict[str, Any] = {
            key: to_plain(key, value, texts.get(key)) for key, value in entry.items()
        }
        lines: dict[Any, Any] = dict(entry.lines)
        precheck(
            self.collect,
            data,
            lines,
            label,
            source=entry,
            controls=self.controls,
            max_tags=self.limits.max_tags,
        )
        left_out = check_identifiers(self.collect, data, lines, label, texts=texts)
        check_extra(self.collect, data, lines, label, aliased=entry.aliased)
        if not self._takes_defaults(data, label, line):
            return None
        for key, value in self.defaults.items():
            # a year and a date are one value: an entry that gives either
            # takes neither from the defaults
            if (
                key not in data
                and key not in left_out
                and _ONE_VALUE.get(key) not in data
            ):
                data[key] = value
                lines[key] = self.default_lines[key]
        lines["links:items"] = getattr(data.get("links"), "lines", None)
        # the line of each language: the translations are copied below
        lines["translations:keys"] = getattr(data.get("translations"), "lines", {})

        dropped: set[str] = set()
        dropped_items: dict[str, set[Any]] = {"links": set(), "translations": set()}
        kinds = self.limits.kinds
        errors = entry_errors(data, kinds)  # none, found fast, for a valid entry
        told: set[tuple[int, str]] = set()  # '' is both too short and blank
        for error in errors:
            path = list(error.absolute_path)
            field = str(path[0]) if path else ""
            if field in self.default_lines and field not in entry:
                continue  # a bad default is reported once, at the defaults
            if error.validator == "additionalProperties":
                for message, key_line in unknown_keys(error, entry, label=label):
                    self.collect.add(key_line, message)
                if not path:
                    dropped.update(str(k) for k in data if k not in FIELDS)
                continue  # an unknown key in a link is ignored, the link kept
            where = schema_error_line(entry, path, error)
            message = schema_message(
                error, label=label, written=written_as(entry, path), kinds=kinds
            )
            if field == "title" or (error.validator == "required" and not path):
                message += "; the entry is skipped"
            # an alias used here is reported here, once per field
            seen = (where, field if field in entry.aliased else message)
            if seen not in told:
                told.add(seen)
                self.collect.add(where, message)
            item = _bad_item(field, path, error)
            if item is not None:
                dropped_items[field].add(item)
            else:
                dropped.add(field or "title")
        if "title" in dropped:
            return None
        clean = {k: v for k, v in data.items() if k not in dropped}
        if "links" in clean:
            clean["links"] = [
                link if i not in dropped_items["links"] else None
                for i, link in enumerate(clean["links"])
            ]
        if "translations" in clean:
            clean["translations"] = {
                lang: url
                for lang, url in clean["translations"].items()
                if lang not in dropped_items["translations"]
            }
        return self._resource(clean, lines, entry.line, label)

    def _takes_defaults(self, data: dict[str, Any], label: str, line: int) -> bool:
        """Whether the defaults an entry takes still fit in the limits.

        A default is copied into every entry that takes it, so it counts once
        per entry, as an alias counts once per use (#11).
        """
        nodes = chars = 0
        for key, (key_nodes, key_chars) in self.default_sizes.items():
            if key not in data:
                nodes += key_nodes
                chars += key_chars
        room = self.room
        if chars > room.chars:
            limit, setting, what = self.limits.max_bytes, "max_bytes", "characters"
        elif nodes > room.nodes:
            limit, setting, what = self.limits.max_nodes, "max_nodes", "values"
        else:
            room.nodes -= nodes
            room.chars -= chars
            return True
        self.collect.add(
            line,
            f"{label} is left out: with the defaults it takes, the data expands "
            f"to more than {limit:,} {what}; set a long default only in the "
            f"entries that need it, or raise readinglist_{setting}",
        )
        return False

    def _url(self, url: str | None, line: int, label: str, field: str) -> str | None:
        if url is None:
            return None
        url = url.strip()
        reason = unsafe_url_reason(url, self.limits.url_schemes)
        if reason is None and field != "image" and is_scheme_relative(url):
            # an external link in disguise: no file or PDF can follow it (the
            # image has its own message: it would be read as a file)
            full = "https://" + url.lstrip("/\\")
            self.collect.add(
                line,
                f"{label}: {field} {describe(url)} has no scheme, so it works "
                "only in a web page served over HTTP, not in a PDF, an e-book "
                "or a page opened from disk, and is not linked; write it in "
                f"full: {shown(full)}",
                Subtype.URL,
            )
            return None
        if reason is None:
            return url
        self.collect.add(
            line,
            f"{label}: {field} {describe(url)} is not linked: {reason}",
            Subtype.UNSAFE,
        )
        return None

    def _image(self, image: str | None, line: int, label: str) -> str | None:
        """The image as the directive may use it, or None (and a problem)."""
        image = self._url(image, line, label, "image")
        if image is None:
            return None
        if url_scheme(image) is not None:
            if "://" in image:
                return image
            # Sphinx reads anything without "://" as a file of the project
            self.collect.add(
                line,
                f"{label}: image {describe(image)} is neither a web address "
                "nor a file path, and is not shown; write a URL such as "
                "https://example.org/cover.png, or a path such as covers/book.png",
                Subtype.UNSAFE,
            )
            return None
        if image.startswith(("//", "\\\\")):
            self.collect.add(
                line,
                f"{label}: image {describe(image)} has no scheme, so it would "
                f"be read as a file; write it in full: https:{cut(image)}",
            )
            return None
        if image.startswith("/") and _climbs_out(image):
            self.collect.add(
                line,
                f"{label}: image {describe(image)} is outside the source "
                "directory and is not shown; move it into the documentation",
                Subtype.UNSAFE,
            )
            return None
        reason = unsafe_image_path_reason(image)
        if reason is not None:
            self.collect.add(
                line,
                f"{label}: image {describe(image)} is not shown: {reason}",
                Subtype.UNSAFE,
            )
            return None
        return image

    def _resource(
        self, data: dict[str, Any], lines: dict[Any, Any], line: int, label: str
    ) -> Resource:
        title = " ".join(data["title"].split())
        id_ = data.get("id") or slugify(title)
        if id_ in self.seen_ids:
            first = self.seen_ids[id_]
            n = self.next_suffix.get(id_, 2)
            while f"{id_}-{n}" in self.seen_ids:
                n += 1
            self.next_suffix[id_] = n + 1
            how = "give it another 'id'" if "id" in data else "add an 'id'"
            self.collect.add(
                lines.get("id", line),
                f"{label}: duplicate id {id_!r} (first at line {first}); "
                f"{how}; it is shown as {id_}-{n}",
                Subtype.DUPLICATE,
            )
            id_ = f"{id_}-{n}"
        self.seen_ids[id_] = line

        links = []
        link_lines = lines.get("links:items")
        for i, link in enumerate(data.get("links", ())):
            if link is None:
                continue
            link_line = link_lines[i] if link_lines else lines.get("links", line)
            url = self._url(link["url"], link_line, label, f"links[{i + 1}].url")
            if url is not None:
                links.append(Link(" ".join(link["title"].split()), url))
        translations = []
        translation_lines = lines["translations:keys"]
        for lang, url in data.get("translations", {}).items():
            safe = self._url(
                url,
                translation_lines.get(lang, lines.get("translations", line)),
                label,
                f"translations.{cut(str(lang))}",
            )
            if safe is not None:
                translations.append((str(lang), safe))

        date = data.get("date")
        # the date sets the year: one that disagrees was left out (prechecks)
        year = int(date[:4]) if date else data.get("year")
        image = self._image(data.get("image"), lines.get("image", line), label)
        address = self._url(data.get("url"), lines.get("url", line), label, "url")

        return Resource(
            id=id_,
            title=title,
            location=self.collect.at(line),
            url=address,
            url_location=self.collect.at(lines.get("url", line)) if address else None,
            authors=tuple(_as_list(data.get("authors"), split=False)),
            year=year,
            date=date,
            added=data.get("added"),
            venue=_clean(data.get("venue")),
            kind=data.get("kind"),
            level=data.get("level"),
            tags=tuple(dict.fromkeys(_as_list(data.get("tags"), split=True))),
            description=self._text(data, lines, "description", line),
            abstract=self._text(data, lines, "abstract", line),
            links=tuple(links),
            translations=tuple(translations),
            image=image,
            image_alt=data.get("image_alt"),
            image_location=(
                self.collect.at(lines.get("image", line)) if image else None
            ),
            doi=data.get("doi"),
            arxiv=data.get("arxiv"),
            isbn=data.get("isbn"),
            archive=self._url(
                data.get("archive"), lines.get("archive", line), label, "archive"
            ),
            status=data.get("status", "ok"),
            extra=tuple(data.get("extra", {}).items()),
        )

    def _text(
        self, data: dict[str, Any], lines: dict[Any, Any], key: str, line: int
    ) -> Text | None:
        source = data.get(key)
        if not isinstance(source, str) or not source.strip():
            return None
        return Text(source, self.markup, self.collect.at(lines.get(key, line)))


def _size(value: Any) -> tuple[int, int]:
    """The values in ``value`` and the characters of its text.

    Only for a value already measured by the YAML loader (a default), so
    walking it, aliases copied out, stays within the limits.
    """
    nodes = chars = 0
    stack = [value]
    while stack:
        item = stack.pop()
        nodes += 1
        if isinstance(item, str):
            chars += len(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
            chars += sum(len(str(key)) for key in item)
            nodes += len(item)
        elif isinstance(item, list):
            stack.extend(item)
    return nodes, chars


def _climbs_out(path: str) -> bool:
    """Whether a ``/``-rooted path climbs above its root with ``..``."""
    depth = 0
    for part in path.replace("\\", "/").split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in ("", "."):
            depth += 1
    return False


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None


def _as_list(value: Any, *, split: bool) -> list[str]:
    """A string or a list of strings, as a list; ``split`` splits on commas."""
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.split(",") if split else [value]
    else:
        parts = value
    return [" ".join(part.split()) for part in parts if part.strip()]
