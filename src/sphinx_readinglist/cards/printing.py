"""Every character printed: language names and addresses where fonts are few.

A PDF can show only what its fonts hold, and pdfLaTeX stops at anything
else. So in LaTeX, a translation's language is named in its own language
only when the document's setup can typeset it (*中文* with xeCJK), else in
the document's language (*Chinese*). A printed address, in every printing
builder, is the readable IRI (:func:`.data.iri.printed_iri`), decoded as far
as the fonts and safety allow, while the link itself goes to the encoded URI.

Cards print their addresses themselves (:class:`.transforms.PrintFriendlyCards`)
or leave it to the builder (``latex_show_urls``, ``texinfo_show_urls``);
:class:`PrintableCards` then rewrites what the builder printed for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..data.iri import printed_iri, uri_from_iri
from ..text.repertoire import Repertoire, latex_repertoire
from .labels import printed_language_name
from .nodes import readinglist_card

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The ``latex_elements`` (as the LaTeX builder's context) that load fonts,
#: font encodings or language support.
SETUP_KEYS = (
    "passoptionstopackages",
    "fontenc",
    "babel",
    "polyglossia",
    "multilingual",
    "fontpkg",
    "textcyrillic",
    "textgreek",
    "extrapackages",
    "preamble",
)


def output_repertoire(app: Sphinx) -> Repertoire | None:
    """What the output of ``app``'s builder can print, or None when it can
    print every character (HTML, text, man pages, Texinfo)."""
    builder = app.builder
    if builder.format != "latex":
        return None
    context: dict[str, Any] = getattr(builder, "context", None) or {}
    setup = [str(context.get(key) or "") for key in SETUP_KEYS]
    registry = app.registry
    setup += [name for name, _ in registry.latex_packages]
    setup += [name for name, _ in registry.latex_packages_after_hyperref]
    babel = getattr(builder, "babel", None)
    cyrillic = bool(context.get("babel")) and bool(babel and babel.uses_cyrillic())
    engine = getattr(app.config, "latex_engine", "pdflatex")
    return latex_repertoire(engine, "\n".join(setup), cyrillic=cyrillic)


def address(
    uri: str,
    repertoire: Repertoire | None,
    *,
    latex: bool,
    classes: tuple[str, ...] = (),
) -> nodes.reference:
    """A printed address: the readable IRI, linked to the encoded URI.

    :param repertoire: what the output can print; None: every character.
    :param latex: whether the output is LaTeX, where a decoded address is
        an inline literal, which breaks across lines as ``\\url`` does.
    """
    target = uri_from_iri(uri)
    shown = printed_iri(uri, repertoire.fits if repertoire else _everything)
    shown = shown.removeprefix("mailto:")
    if latex and shown != target.removeprefix("mailto:"):
        literal = nodes.literal(shown, shown)
        return nodes.reference("", "", literal, refuri=target, classes=list(classes))
    return nodes.reference(shown, shown, refuri=target, classes=list(classes))


def _everything(_char: str) -> bool:
    return True


def _external(uri: str) -> bool:
    return "://" in uri or uri.startswith("mailto:")


class PrintableCards(SphinxPostTransform):
    """Cards printed with characters the output has, and readable addresses.

    In LaTeX, a translation's language is named so that the fonts can print
    it. In every printing builder, the addresses printed beside a card's
    links are readable IRIs: those the card prints (the ``readinglist-url``
    links of :class:`.transforms.PrintFriendlyCards`), and in LaTeX those
    Sphinx's ``ShowUrlsTransform`` (400) prints for ``latex_show_urls``.
    This runs after both, and before LaTeX moves footnotes (600).

    Every link of a card then goes to the ASCII URI in LaTeX, as a PDF
    link needs. The man and Texinfo writers print a link's target as its
    address (man pages always with docutils 0.22, Texinfo for
    ``texinfo_show_urls``), so there it is the readable IRI, which means the
    same.
    """

    default_priority = 450
    formats = ("latex", "text", "man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        builder_format = self.app.builder.format
        repertoire = output_repertoire(self.app)
        latex = builder_format == "latex"
        # man and Texinfo writers print a link's target as its address
        readable_targets = builder_format in ("man", "texinfo")
        for card in list(self.document.findall(readinglist_card)):
            if repertoire is not None:
                self._name_languages(card, repertoire)
            for printed in list(card.findall(nodes.reference)):
                if "readinglist-url" in printed["classes"]:
                    uri = printed.get("refuri", "")
                    classes = tuple(printed["classes"])
                    printed.replace_self(
                        address(uri, repertoire, latex=latex, classes=classes)
                    )
            if latex:
                self._reprint(card, repertoire)
            if builder_format == "text":
                continue  # the text writer prints no link target
            for reference in card.findall(nodes.reference):
                uri = reference.get("refuri", "")
                if not _external(uri):
                    continue
                if readable_targets:
                    reference["refuri"] = printed_iri(uri)
                else:
                    reference["refuri"] = uri_from_iri(uri)

    def _name_languages(self, card: nodes.Element, repertoire: Repertoire) -> None:
        """Name each translation's language as the fonts can print it."""
        for paragraph in card.findall(nodes.paragraph):
            if "readinglist-translations" not in paragraph["classes"]:
                continue
            for reference in paragraph.findall(nodes.reference):
                codes = [c[5:] for c in reference["classes"] if c.startswith("lang-")]
                if not codes:
                    continue
                name = printed_language_name(
                    codes[0], repertoire.covers, self.config.language
                )
                if name != reference.astext():
                    reference.clear()
                    reference += nodes.Text(name)

    @staticmethod
    def _reprint(card: nodes.Element, repertoire: Repertoire | None) -> None:
        """Reprint the addresses ``latex_show_urls`` printed for the card."""
        fits = repertoire.fits if repertoire else _everything
        for footnote in list(card.findall(nodes.footnote)):
            for printed in list(footnote.findall(nodes.reference)):
                uri = printed.get("refuri", "")
                if not printed.get("nolinkurl") or not uri:
                    continue
                if "@" in uri and not _external(uri):
                    uri = "mailto:" + uri  # Sphinx prints an e-mail address bare
                shown = printed_iri(uri, fits).removeprefix("mailto:")
                if shown != printed.astext() or not shown.isascii():
                    printed.replace_self(address(uri, repertoire, latex=True))
        for reference in list(card.findall(nodes.reference)):
            uri = reference.get("refuri", "")
            parent = reference.parent
            if not _external(uri) or parent is None:
                continue
            index = parent.index(reference)
            after = parent[index + 1] if index + 1 < len(parent) else None
            written = f" ({uri.removeprefix('mailto:')})"
            if not isinstance(after, nodes.Text) or after.astext() != written:
                continue
            shown = printed_iri(uri, fits).removeprefix("mailto:")
            if f" ({shown})" != written or not shown.isascii():
                parent[index + 1 : index + 2] = [
                    nodes.Text(" ("),
                    address(uri, repertoire, latex=True),
                    nodes.Text(")"),
                ]
