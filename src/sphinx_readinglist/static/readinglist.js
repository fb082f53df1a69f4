/* sphinx-readinglist: the filter of a list with the :filter: flag.
 *
 * The page holds, above the cards of each such list, an empty hidden
 * element (.readinglist-filter) whose data-readinglist-filter attribute is
 * JSON written by the extension: the list's id, the translated labels, and
 * the kinds, levels and tags found in the list. This script builds the
 * controls in it and shows it; without JavaScript every card stays visible
 * and no control is shown.
 *
 * - Text search over each card's title, authors, description, venue, tags
 *   (their labels), address, identifiers (DOI, arXiv, ISBN) and the extra
 *   fields it shows: every word typed must occur, ignoring case and accents.
 * - Toggle buttons (aria-pressed) per kind, level and tag: a card must have
 *   one of the pressed values of each facet. Each button counts the cards
 *   that have its value among those matching the search and the other
 *   facets' pressed values (the usual faceted count: pressing a button of a
 *   row where none is pressed shows that many cards).
 * - Past config.moreAfter tags, the tag row shows the most used ones (and
 *   any pressed) and a "more" toggle (aria-expanded) for the others.
 * - An empty result says so and offers "Show all"; "/" focuses the first
 *   search box of the page when no field has focus.
 * - The state is kept in the page's query string, under keys named after
 *   the list's id (e.g. ?readinglist-rnn.tags=lstm+gru), so a filtered
 *   view can be shared and several lists on a page keep their own.
 * - Facet values (a tag's slug, a kind, a level) are compared exactly as the
 *   extension wrote them: the slugs are normalised once, in Python, and
 *   hold no space, so they are split on a space only. Re-normalising here
 *   would differ (toLowerCase is not Python's casefold, \s is not Python's
 *   whitespace) and hide every card.
 * - A polite live region announces "12 of 40 resources", once typing
 *   settles; the address follows then too (rewriting it takes a few ms,
 *   and browsers limit how often a page may).
 *
 * Card text is read from the page once; a filter change is one loop over
 * plain strings and small integer arrays (the counts come from the same
 * loop), and only the cards and counts that change are touched. The
 * browser's share, styling and laying out each card shown or hidden, grows
 * with their number (about 10 ms a thousand): a change shows or hides the
 * cards at the top of the list at once and the others in the next frames
 * (see draw), so that no frame is long, even with thousands of cards.
 */
(() => {
  "use strict";

  const ATTRIBUTE = "data-readinglist-filter";
  const ANNOUNCE_DELAY = 400; // ms: let typing settle before speaking (and writing the address)
  const SEPARATOR = " "; // between the values of data-tags and of a URL key
  const SLICE = 250; // cards shown or hidden in a frame
  const SCREEN = 100; // cards shown at once at least: more than a screen holds
  const BUSY = "readinglist-filter-busy"; // on the list while cards are left to draw

  /** The values of a data-* attribute or URL key, split as Python joined them. */
  const splitValues = (text) => (text || "").split(SEPARATOR).filter(Boolean);

  /** Lower case, without accents: "Schölkopf" matches "scholkopf". */
  const fold = (text) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  const words = (text) => fold(text).split(/\s+/).filter(Boolean);

  const textOf = (root, selector) =>
    Array.from(root.querySelectorAll(selector), (el) => el.textContent).join(" ");

  /** Whether an element takes typed text: "/" must then type a slash. */
  const takesText = (el) =>
    Boolean(el && el.closest && (el.isContentEditable || el.closest("input, textarea, select")));

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
      this.moreAfter = Number.isInteger(config.moreAfter) ? config.moreAfter : 0;
      this.query = "";
      this.selected = new Map(this.facets.map((f) => [f.name, new Set()]));
      this.buttons = new Map(this.facets.map((f) => [f.name, []]));
      // per facet, the index of each value, and the count each button shows
      this.indexOf = this.facets.map((f) => new Map(f.values.map(([v], i) => [v, i])));
      this.counts = this.facets.map((f) => f.values.map(() => -1));
      const tags = this.facets.find((f) => f.name === "tags");
      this.tagLabels = new Map(tags ? tags.values : []);
      this.expanded = false;
      this.announceTimer = 0;
      this.drawFrame = 0;
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
      this.draw(Infinity); // as the address says, before the browser seeks its #anchor
      // a printout shows the list as filtered, every card drawn
      window.addEventListener("beforeprint", () => this.draw(Infinity));
      placeholder.hidden = false;
      this.list.classList.add("readinglist-filter-ready");
    }

    /** Each card's searchable text and facet values, read once. */
    readCards() {
      return Array.from(this.list.querySelectorAll(".readinglist-item"), (item) => {
        const card = item.querySelector(".readinglist-card") || item;
        const link = card.querySelector(".readinglist-title a[href]");
        const text = [
          textOf(card, ".readinglist-title"),
          textOf(card, ".readinglist-author"),
          textOf(card, ".readinglist-description"),
          textOf(card, ".readinglist-venue"),
          // the badges' text, whether spans or links to tag pages, and the
          // labels of the card's tags (also when no badge shows them)
          textOf(card, ".readinglist-tag"),
          ...splitValues(card.getAttribute("data-tags")).map((t) => this.tagLabels.get(t) || t),
          link ? link.getAttribute("href") : "",
          textOf(card, ".readinglist-identifier"),
          textOf(card, ".readinglist-extra-value"),
        ].join(" ");
        // per facet, the indexes of the card's values
        const values = this.facets.map((f, i) => {
          const found = [];
          for (const value of splitValues(card.getAttribute(f.attribute))) {
            const index = this.indexOf[i].get(value);
            if (index !== undefined) found.push(index);
          }
          return found;
        });
        // shown: whether the card matches; drawn: whether the page shows it
        const shown = !item.hidden;
        return { item, text: fold(text), values, shown, drawn: shown };
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
        const values = element("span", {
          class: "readinglist-filter-values",
          id: `${labelId}-values`,
        });
        for (const [value, label] of facet.values) {
          const count = element("span", { class: "readinglist-filter-count" });
          const button = element(
            "button",
            {
              type: "button",
              class: "readinglist-filter-button",
              "aria-pressed": "false",
              "data-value": value,
            },
            label,
            " ",
            count,
          );
          button.count = count;
          button.addEventListener("click", () => this.toggle(facet.name, value));
          this.buttons.get(facet.name).push(button);
          values.append(button, " ");
        }
        if (facet.name === "tags" && this.moreAfter > 0 && facet.values.length > this.moreAfter) {
          this.buildMore(facet, values);
        }
        row.append(" ", values);
        box.append(row);
      }

      this.status = element("p", {
        class: "readinglist-filter-status",
        id: `${id}-filter-status`,
        role: "status",
        "aria-live": "polite",
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
      const showAll = element(
        "button",
        { type: "button", class: "readinglist-filter-clear" },
        this.labels.clear,
      );
      showAll.addEventListener("click", () => {
        this.reset();
        this.search.focus(); // the button goes away with the empty state
      });
      this.empty = element(
        "div",
        { class: "readinglist-filter-row readinglist-filter-empty", hidden: "" },
        element("p", { class: "readinglist-filter-empty-text" }, this.labels.empty),
        " ",
        showAll,
      );
      box.append(this.empty);
    }

    /** The "more" toggle of the tag row: the most used tags stay shown. */
    buildMore(facet, values) {
      const index = this.facets.indexOf(facet);
      const uses = facet.values.map(() => 0);
      for (const entry of this.entries) {
        for (const i of entry.values[index]) uses[i] += 1;
      }
      // the most used first; a tie keeps the row's (alphabetical) order
      const ranked = uses.map((n, i) => i).sort((a, b) => uses[b] - uses[a] || a - b);
      this.top = new Set(ranked.slice(0, this.moreAfter).map((i) => facet.values[i][0]));
      this.more = element(
        "button",
        {
          type: "button",
          class: "readinglist-filter-more",
          "aria-expanded": "false",
          "aria-controls": values.id,
        },
        this.labels.more,
      );
      this.more.addEventListener("click", () => {
        this.expanded = !this.expanded;
        this.more.setAttribute("aria-expanded", String(this.expanded));
        this.more.textContent = this.expanded ? this.labels.fewer : this.labels.more;
        this.showTags();
      });
      values.append(this.more);
    }

    /** Show the most used tags, any pressed tag, or every tag when expanded. */
    showTags() {
      if (!this.more) return;
      const chosen = this.selected.get("tags");
      for (const button of this.buttons.get("tags")) {
        const value = button.dataset.value;
        const hidden = !(this.expanded || this.top.has(value) || chosen.has(value));
        if (button.hidden !== hidden) button.hidden = hidden;
      }
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

    apply({ announce = true, writeUrl = true } = {}) {
      const queryWords = words(this.query);
      const facets = this.facets.length;
      // per facet, whether each value is pressed (null: none is)
      const pressed = this.facets.map((f, i) => {
        const chosen = this.selected.get(f.name);
        return chosen.size ? f.values.map(([v]) => chosen.has(v)) : null;
      });
      const counts = this.facets.map((f) => new Array(f.values.length).fill(0));
      let shown = 0;
      for (const entry of this.entries) {
        // the facets the card fails; it counts for a facet's buttons when it
        // fails no other facet (and matches the search)
        // plain loops, no closures: this runs for every card at each key
        let failed = -1;
        let fails = 0;
        for (let w = 0; w < queryWords.length; w += 1) {
          if (!entry.text.includes(queryWords[w])) {
            fails = 2;
            break;
          }
        }
        for (let i = 0; i < facets && fails < 2; i += 1) {
          const wanted = pressed[i];
          if (wanted === null) continue;
          const own = entry.values[i];
          let hit = false;
          for (let k = 0; k < own.length && !hit; k += 1) hit = wanted[own[k]];
          if (!hit) {
            fails += 1;
            failed = i;
          }
        }
        const visible = fails === 0;
        entry.shown = visible;
        if (visible) shown += 1;
        if (fails < 2) {
          for (let i = 0; i < facets; i += 1) {
            if (visible || failed === i) {
              const own = entry.values[i];
              const count = counts[i];
              for (let k = 0; k < own.length; k += 1) count[own[k]] += 1;
            }
          }
        }
      }
      // the top of the list at once, the rest after the frame that shows it
      if (this.draw(SLICE, SCREEN)) this.drawLater(2);
      for (const group of this.groups) {
        const empty = !group.entries.some((e) => e.shown);
        if (group.grid.hidden !== empty) group.grid.hidden = empty;
        if (group.heading && group.heading.hidden !== empty) group.heading.hidden = empty;
      }
      this.facets.forEach((facet, i) => {
        const chosen = this.selected.get(facet.name);
        this.buttons.get(facet.name).forEach((button, v) => {
          const isPressed = String(chosen.has(button.dataset.value));
          if (button.getAttribute("aria-pressed") !== isPressed) {
            button.setAttribute("aria-pressed", isPressed);
          }
          const count = counts[i][v];
          if (count !== this.counts[i][v]) {
            if ((count === 0) !== (this.counts[i][v] === 0)) {
              button.classList.toggle("readinglist-filter-none", count === 0);
            }
            this.counts[i][v] = count;
            button.count.textContent = String(count);
          }
        });
      });
      this.showTags();
      const nothing = shown === 0;
      if (this.empty.hidden === nothing) {
        this.empty.hidden = !nothing;
        // one "Show all" at a time: the empty state's, or the summary's
        this.clear.hidden = nothing;
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
          if (writeUrl) writeAddress();
        }, ANNOUNCE_DELAY);
      } else {
        this.status.textContent = message;
        if (writeUrl) writeAddress();
      }
    }

    /** Show or hide, in page order, the cards whose match changed: at
     * least ``slice`` of them, and all those up to the ``screen``-th card
     * shown, so that the top of the list is right. Whether cards are left
     * to draw. */
    draw(slice, screen = 0) {
      window.cancelAnimationFrame(this.drawFrame);
      let written = 0;
      let shown = 0;
      for (const entry of this.entries) {
        if (entry.shown) shown += 1;
        if (entry.shown === entry.drawn) continue;
        if (written >= slice && shown > screen) {
          this.list.classList.add(BUSY);
          return true;
        }
        entry.item.hidden = !entry.shown;
        entry.drawn = entry.shown;
        written += 1;
      }
      this.list.classList.remove(BUSY);
      return false;
    }

    /** Draw the rest, a slice a frame, from the ``frames``-th frame on. */
    drawLater(frames) {
      this.drawFrame = window.requestAnimationFrame(() => {
        if (frames > 1 || this.draw(SLICE)) this.drawLater(Math.max(frames - 1, 1));
      });
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

    /** This list's state into ``params``, under its own keys. */
    writeParams(params) {
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
    }
  }

  const filters = []; // the page's: the address keeps the state of each

  /** The page's address, with the state of every list: also that of a list
   * whose own writing waits for typing to settle. */
  function writeAddress() {
    const params = new URLSearchParams(window.location.search);
    for (const filter of filters) filter.writeParams(params);
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

  /** "/" focuses the first search box, unless the reader is typing. */
  function focusSearch(event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.defaultPrevented || event.isComposing) return;
    if (takesText(event.target) || takesText(document.activeElement)) return;
    const search = document.querySelector(
      ".readinglist-filter:not([hidden]) input.readinglist-filter-search",
    );
    if (!search) return;
    event.preventDefault();
    // before the theme's own "/" (Sphinx's focuses its search bar): this
    // listener runs first, on the window, while capturing
    event.stopPropagation();
    search.focus();
  }

  function start() {
    if (!window.readinglistSlash) {
      window.readinglistSlash = true;
      window.addEventListener("keydown", focusSearch, true);
    }
    for (const placeholder of document.querySelectorAll(`.readinglist-filter[${ATTRIBUTE}]`)) {
      if (placeholder.readinglistFilter) continue;
      let config;
      try {
        config = JSON.parse(placeholder.getAttribute(ATTRIBUTE));
      } catch (error) {
        continue; // leave the cards as they are: all visible
      }
      placeholder.readinglistFilter = new ListFilter(placeholder, config);
      filters.push(placeholder.readinglistFilter);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
