# A project on sphinx-immaterial (with sphinx-design, which it styles), as
# its documentation sets it up, and reading lists added to it.
extensions = ["myst_parser", "sphinx_design", "sphinx_immaterial", "sphinx_readinglist"]
exclude_patterns = ["_build"]
project = "Host with sphinx-immaterial"
copyright = "2026, the authors"
html_theme = "sphinx_immaterial"
html_theme_options = {
    # the fonts are fetched from Google at build time: off, to build offline
    "font": False,
    "features": ["search.highlight", "toc.follow"],
    "palette": [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "toggle": {"icon": "material/weather-night", "name": "Dark mode"},
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "toggle": {"icon": "material/weather-sunny", "name": "Light mode"},
        },
    ],
}
show_warning_types = True
