"""What a feature notes of each document, kept on the build environment.

Pickled with the environment, so an incremental build still knows what the
pages it does not read again showed; purged when a document is read again
or removed, and merged from the processes of a parallel read, as domain data
is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

T = TypeVar("T")


class DocumentStore(Generic[T]):
    """A value per document, in an attribute of the environment."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def of(self, env: BuildEnvironment) -> dict[str, T]:
        """Every document's value (an environment pickled before has none)."""
        store: dict[str, T] | None = getattr(env, self.attribute, None)
        if store is None:
            store = {}
            setattr(env, self.attribute, store)
        return store

    def note(self, env: BuildEnvironment, value: T | None) -> None:
        """Keep the value of the document being read, or forget an empty one."""
        if value:
            self.of(env)[env.docname] = value
        else:
            self.of(env).pop(env.docname, None)

    def connect(self, app: Sphinx) -> None:
        """Purge and merge the store with the environment."""
        app.connect("env-purge-doc", self._purge)
        app.connect("env-merge-info", self._merge)

    def _purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.of(env).pop(docname, None)

    def _merge(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: set[str],
        other: BuildEnvironment,
    ) -> None:
        mine, theirs = self.of(env), self.of(other)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]
