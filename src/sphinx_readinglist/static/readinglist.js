/* sphinx-readinglist: the filter of a list with the :filter: flag.
 *
 * The page holds, above the cards of each such list, an empty hidden
 * element (.readinglist-filter) whose data-readinglist-filter attribute is
 * JSON written by the extension: the list's id, the translated labels, and
 * the kinds, levels and tags found in the list. This script builds the
 * controls in it and shows it; without JavaScript every card stays visible
 * and no control is shown.
 *
 * - Text search over each card's title, authors, description,
 *   identifiers (DOI, arXiv, ISBN) and the extra fields it shows: every
 *   word typed must occur, ignoring case and accents.
 * - Toggle buttons (aria-pressed) per kind, level and tag: a card must have
 *   one of the pressed values of each facet.
 * - The state is kept in the page's query string, under keys named after
 *   the list's id (e.g. ?readinglist-rnn.tags=lstm+gru), so a filtered
 *   view can be shared and several lists on a page keep their own.
 * - Facet values (a tag's slug, a kind, a level) are compared exactly as the
 *   extension wrote them: the slugs are normalised once, in Python, and
 *   hold no space, so they are split on a space only. Re-normalising here
 *   would differ (toLowerCase is not Python's casefold, \s is not Python's
 *   whitespace) and hide every card.
 * - A live region announces "12 of 40 resources".
 *
 * Card text is read from the page once; a filter change is one loop over
 * plain strings, and only the cards whose visibility changes are touched.
 */
(() => {
  "use strict";

  const ATTRIBUTE = "data-readinglist-filter";
  const ANNOUNCE_DELAY = 400; // ms: let typing settle before speaking
  const SEPARATOR = " "; // between the values of data-tags and of a URL key

  /** The values of a data-* attribute or URL key, split as Python joined them. */
  const splitValues = (text) => (text || "").split(SEPARATOR).filter(Boolean);

  /** Lower case, without accents: "Schölkopf" matches "scholkopf". */
  const fold = (text) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  const words = (text) => fold(text).split(/\s+/).filter(Boolean);

  const textOf = (root, selector) =>
    Array.from(root.querySelectorAll(selector), (el) => el.textContent).join(" ");

  function element(tag, attributes, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      el.setAttribute(name, value);
    }
    el.append(...children);
    return el;
  }

  class ListFilter {
    constructor(placeholder, config) {
      this.placeholder = placeholder;
      this.list = placeholder.closest(".readinglist");
      this.id = config.list;
      this.labels = config.labels;
      this.facets = config.facets;
      this.query = "";
      this.selected = new Map(this.facets.map((f) => [f.name, new Set()]));
      this.buttons = new Map(this.facets.map((f) => [f.name, []]));
      this.announceTimer = 0;
      this.entries = this.readCards();
      this.groups = Array.from(
        this.list.querySelectorAll(".readinglist-grid"),
        (grid) => {
          const heading = grid.previousElementSibling;
          return {
            grid,
            heading:
              heading && heading.classList.contains("readinglist-group")
                ? heading
                : null,
            entries: this.entries.filter((e) => e.item.parentElement === grid),
          };
        },
      );
      this.build();
      this.readUrl();
      this.apply({ announce: false, writeUrl: false });
      placeholder.hidden = false;
      this.list.classList.add("readinglist-filter-ready");
    }

    /** Each card's searchable text and facet values, read once. */
    readCards() {
      return Array.from(this.list.querySelectorAll(".readinglist-item"), (item) => {
        const card = item.querySelector(".readinglist-card") || item;
        const text = [
          textOf(card, ".readinglist-title"),
          textOf(card, ".readinglist-author"),
          textOf(card, ".readinglist-description"),
          textOf(card, ".readinglist-identifier"),
          textOf(card, ".readinglist-extra-value"),
        ].join(" ");
        const values = new Map(
          this.facets.map((f) => [
            f.name,
            new Set(splitValues(card.getAttribute(f.attribute))),
          ]),
        );
        return { item, text: fold(text), values, shown: !item.hidden };
      });
    }

    build() {
      const id = this.id;
      const box = this.placeholder;
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", this.labels.filter);

      const searchId = `${id}-filter-search`;
      this.search = element("input", {
        type: "search",
        id: searchId,
        class: "readinglist-filter-search",
        placeholder: this.labels.placeholder,
        autocomplete: "off",
        spellcheck: "false",
      });
      this.search.addEventListener("input", () => {
        this.query = this.search.value;
        this.apply({ announce: "later" });
      });
      box.append(
        element(
          "div",
          { class: "readinglist-filter-row readinglist-filter-text" },
          element("label", { for: searchId, class: "readinglist-filter-label" }, this.labels.search),
          this.search,
        ),
      );

      for (const facet of this.facets) {
        const labelId = `${id}-filter-${facet.name}`;
        const row = element(
          "div",
          {
            class: `readinglist-filter-row readinglist-filter-facet readinglist-filter-${facet.name}`,
            role: "group",
            "aria-labelledby": labelId,
          },
          element("span", { id: labelId, class: "readinglist-filter-label" }, facet.label),
        );
        const values = element("span", { class: "readinglist-filter-values" });
        for (const [value, label] of facet.values) {
          const button = element(
            "button",
            {
              type: "button",
              class: "readinglist-filter-button",
              "aria-pressed": "false",
              "data-value": value,
            },
            label,
          );
          button.addEventListener("click", () => this.toggle(facet.name, value));
          this.buttons.get(facet.name).push(button);
          values.append(button, " ");
        }
        row.append(" ", values);
        box.append(row);
      }

      this.status = element("p", {
        class: "readinglist-filter-status",
        id: `${id}-filter-status`,
        role: "status",
      });
      this.clear = element(
        "button",
        { type: "button", class: "readinglist-filter-clear" },
        this.labels.clear,
      );
      this.clear.addEventListener("click", () => this.reset());
      box.append(
        element("div", { class: "readinglist-filter-row readinglist-filter-summary" }, this.status, " ", this.clear),
      );
    }

    toggle(facet, value) {
      const chosen = this.selected.get(facet);
      if (chosen.has(value)) {
        chosen.delete(value);
      } else {
        chosen.add(value);
      }
      this.apply({ announce: true });
    }

    reset() {
      this.query = "";
      this.search.value = "";
      for (const chosen of this.selected.values()) chosen.clear();
      this.apply({ announce: true });
    }

    matches(entry, queryWords) {
      for (const [facet, chosen] of this.selected) {
        if (chosen.size === 0) continue;
        const values = entry.values.get(facet);
        let hit = false;
        for (const value of chosen) {
          if (values.has(value)) {
            hit = true;
            break;
          }
        }
        if (!hit) return false;
      }
      return queryWords.every((word) => entry.text.includes(word));
    }

    apply({ announce = true, writeUrl = true } = {}) {
      const queryWords = words(this.query);
      let shown = 0;
      for (const entry of this.entries) {
        const visible = this.matches(entry, queryWords);
        if (visible !== entry.shown) {
          entry.item.hidden = !visible;
          entry.shown = visible;
        }
        if (visible) shown += 1;
      }
      for (const group of this.groups) {
        const empty = !group.entries.some((e) => e.shown);
        if (group.grid.hidden !== empty) group.grid.hidden = empty;
        if (group.heading && group.heading.hidden !== empty) group.heading.hidden = empty;
      }
      for (const [facet, buttons] of this.buttons) {
        const chosen = this.selected.get(facet);
        for (const button of buttons) {
          const pressed = String(chosen.has(button.dataset.value));
          if (button.getAttribute("aria-pressed") !== pressed) {
            button.setAttribute("aria-pressed", pressed);
          }
        }
      }
      this.list.classList.toggle("readinglist-filter-active", this.active());
      const message = this.labels.status
        .replace("{shown}", String(shown))
        .replace("{total}", String(this.entries.length));
      this.shown = shown;
      window.clearTimeout(this.announceTimer);
      if (announce === "later") {
        this.announceTimer = window.setTimeout(() => {
          this.status.textContent = message;
        }, ANNOUNCE_DELAY);
      } else {
        this.status.textContent = message;
      }
      if (writeUrl) this.writeUrl();
    }

    active() {
      return (
        words(this.query).length > 0 ||
        Array.from(this.selected.values()).some((chosen) => chosen.size > 0)
      );
    }

    key(name) {
      return `${this.id}.${name}`;
    }

    readUrl() {
      const params = new URLSearchParams(window.location.search);
      const query = params.get(this.key("q"));
      if (query) {
        this.query = query;
        this.search.value = query;
      }
      for (const facet of this.facets) {
        const known = new Set(facet.values.map(([value]) => value));
        for (const value of splitValues(params.get(this.key(facet.name)))) {
          if (known.has(value)) this.selected.get(facet.name).add(value);
        }
      }
    }

    writeUrl() {
      const params = new URLSearchParams(window.location.search);
      params.delete(this.key("q"));
      const query = this.query.trim();
      if (query) params.set(this.key("q"), query);
      for (const facet of this.facets) {
        params.delete(this.key(facet.name));
        const chosen = this.selected.get(facet.name);
        if (chosen.size) {
          // keep the facet's own order, so a URL reads the same for a state
          const values = facet.values.map(([value]) => value).filter((v) => chosen.has(v));
          params.set(this.key(facet.name), values.join(SEPARATOR));
        }
      }
      const search = params.toString();
      const url = window.location.pathname + (search ? `?${search}` : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        try {
          window.history.replaceState(window.history.state, "", url);
        } catch (error) {
          // some pages (a file opened from disk in some browsers) refuse it;
          // the filter works all the same
        }
      }
    }
  }

  function start() {
    for (const placeholder of document.querySelectorAll(`.readinglist-filter[${ATTRIBUTE}]`)) {
      if (placeholder.readinglistFilter) continue;
      let config;
      try {
        config = JSON.parse(placeholder.getAttribute(ATTRIBUTE));
      } catch (error) {
        continue; // leave the cards as they are: all visible
      }
      placeholder.readinglistFilter = new ListFilter(placeholder, config);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
