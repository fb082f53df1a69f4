"""Post-transforms: cards expanded for every builder but HTML, and made print-friendly."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.logging import getLogger

from ..builders import writes_web_pages
from ..data.images import unsafe_download_name_reason
from ..data.messages import describe
from ..i18n import _
from ..new_badge import new_since
from ..vocabulary import project_labels
from ..warnings_ import WARNING_TYPE, Subtype
from .expand import expand_card
from .nodes import compact_cards, readinglist_card, readinglist_meta
from .printing import PrintableCards

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = getLogger(__name__)


class ExpandCards(SphinxPostTransform):
    """Give compact cards their parts as docutils nodes, where HTML does not
    write them itself: LaTeX, text, man, texinfo, XML, gettext, linkcheck...

    EPUB gets them too: it prints the address of each external link it finds
    (``epub_show_urls``). This runs first, so that every other post-transform
    (linkcheck's collector among them) sees ordinary paragraphs and links.
    """

    default_priority = 5

    def is_supported(self) -> bool:
        return not writes_web_pages(self.app.builder)

    def run(self, **kwargs: Any) -> None:
        max_authors = self.config.readinglist_max_authors
        isbn_resolver = self.config.readinglist_isbn_resolver
        since = new_since(self.env)
        project = project_labels(self.config)
        for card in compact_cards(self.document):
            expand_card(
                card,
                max_authors=max_authors,
                isbn_resolver=isbn_resolver,
                language=self.config.language,
                new_since=since,
                project=project,
            )


class RemoteCardImages(SphinxPostTransform):
    """Keep builders that embed images from downloading card images by URL.

    LaTeX, EPUB and Texinfo fetch remote images at build time (Sphinx's
    ``ImageDownloader``), so an address in the data would make the build
    machine request anything, internal addresses included (issue 11). Unless
    ``readinglist_fetch_remote_images`` is set, such an image is left out of
    its card there; HTML keeps linking it.
    """

    # before sphinx.transforms.post_transforms.images.ImageDownloader (100)
    default_priority = 50

    def is_supported(self) -> bool:
        builder = self.app.builder
        return bool(builder.supported_image_types) and not (
            builder.supported_remote_images
        )

    def run(self, **kwargs: Any) -> None:
        fetch = bool(self.config.readinglist_fetch_remote_images)
        left_out = 0
        for image in list(self.document.findall(nodes.image)):
            remote = "://" in image["uri"]
            if not remote or "readinglist-image" not in image["classes"]:
                continue
            if fetch:
                reason = unsafe_download_name_reason(image["uri"])
                if reason is None:
                    continue
                logger.warning(
                    f"image {describe(image['uri'])} is not downloaded: {reason}",
                    location=image,
                    type=WARNING_TYPE,
                    subtype=Subtype.UNSAFE.value,
                )
            else:
                left_out += 1
            image.parent.remove(image)
        if left_out:
            logger.info(
                f"{left_out} card image(s) given by URL left out of the "
                f"{self.app.builder.name} output; set "
                "readinglist_fetch_remote_images = True to download them",
                location=(self.env.docname, None),
            )


class PrintFriendlyCards(SphinxPostTransform):
    """Make cards read well where there is no CSS and nothing to click.

    On paper or in a terminal, a link's address is printed beside its text
    (unless the builder already does: ``latex_show_urls``,
    ``texinfo_show_urls``, and always in man pages),
    badges are separated in words, and tags get a label.
    """

    default_priority = 400
    formats = ("latex", "text", "man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        show_urls = self._builder_shows_urls()
        for card in list(self.document.findall(readinglist_card)):
            if not show_urls:
                self._print_addresses(card)
            for meta in card.findall(readinglist_meta):
                _replace_spaces(meta, " · ")
            for tags in card.findall(nodes.paragraph):
                if "readinglist-tags" in tags["classes"]:
                    _replace_spaces(tags, ", ")
                    label = str(_("Tags:"))
                    tags.insert(0, nodes.Text(label + " "))

    def _builder_shows_urls(self) -> bool:
        builder_format = self.app.builder.format
        if builder_format == "latex":
            return bool(self.config.latex_show_urls != "no")
        if builder_format == "man":
            return True  # the man writer prints the address of every web link
        if builder_format == "texinfo":
            return bool(self.config.texinfo_show_urls != "no")
        return False

    @staticmethod
    def _print_addresses(card: nodes.Element) -> None:
        references = list(card.findall(nodes.reference))
        # "DOI 10.1038/..." is the reference itself, on paper; and so is it
        # for a title that links to its DOI or arXiv page
        identified = {
            reference.get("refuri")
            for reference in references
            if "readinglist-identifier" in reference["classes"]
        }
        for reference in references:
            uri = reference.get("refuri", "")
            if not uri or uri.startswith("#") or reference.astext() == uri:
                continue
            if uri in identified:
                continue
            if "://" not in uri and not uri.startswith("mailto:"):
                continue  # a relative link means nothing on paper
            shown = uri.removeprefix("mailto:")
            address = nodes.reference(
                shown, shown, refuri=uri, classes=["readinglist-url"]
            )
            # after a strong link (an archived copy), not inside its emphasis
            after: nodes.Element = reference
            strong = reference.parent
            if isinstance(strong, nodes.strong) and len(strong) == 1:
                after = strong
            parent = after.parent
            index = parent.index(after)
            parent[index + 1 : index + 1] = [nodes.Text(" <"), address, nodes.Text(">")]


def _replace_spaces(parent: nodes.Element, separator: str) -> None:
    """Replace the bare-space separators between children with ``separator``."""
    for index, child in enumerate(parent.children):
        if isinstance(child, nodes.Text) and child.astext() == " ":
            parent[index] = nodes.Text(separator)


def setup_transforms(app: Sphinx) -> None:
    """Register the post-transforms."""
    app.add_post_transform(ExpandCards)
    app.add_post_transform(PrintFriendlyCards)
    app.add_post_transform(RemoteCardImages)
    app.add_post_transform(PrintableCards)
