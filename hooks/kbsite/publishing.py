"""Publishing settings in one place: where the site is published, where its files are edited, and its licences.

Both addresses are environment variables, read by mkdocs.yml (``!ENV``) and by the exports alike, so one setting
changes the sitemap, the feed's and the calendar's links and the edit buttons together:

- ``KB_SITE_URL``: the published address, ending in ``/`` (``https://owner.github.io/repo/``). Default: empty,
  which leaves the sitemap empty and every link relative (right for a copy opened from disk).
- ``KB_EDIT_URI``: the repository's edit address (``https://github.com/OWNER/REPO/edit/main/``); the publish
  workflow sets it from the repository it runs in. Default: :data:`DEFAULT_EDIT_URI`.
- ``KB_OFFLINE_BYTES``: the size of ``site-offline.zip``, which ``make publish`` builds before the site and passes
  here, for the "Download the offline copy" link. Default: empty (the link gives no size).
- ``OFFLINE``: ``true`` in the build of the offline copy itself (``make offline``; mkdocs.yml reads it too).
"""

from __future__ import annotations

import os

DEFAULT_EDIT_URI = "https://github.com/japan-us-tariff-kb/kb/edit/main/"

CONTENT_LICENSE = "CC BY 4.0"
CONTENT_LICENSE_NAME = "Creative Commons Attribution 4.0 International"
CONTENT_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
CODE_LICENSE = "MIT"
OFFLINE_ZIP = "site-offline.zip"
"""The offline copy, published beside the site by the publish workflow."""


def site_url() -> str:
    """The published address with a trailing slash, or empty when the site has none."""
    url = os.environ.get("KB_SITE_URL", "").strip()
    return url if not url or url.endswith("/") else url + "/"


def absolute(path_from_root: str) -> str | None:
    """A page's or file's address under the published site, or None when no site address is set."""
    base = site_url()
    return base + path_from_root if base else None


def offline() -> bool:
    """Whether this build is the offline copy (``OFFLINE=true``, as mkdocs.yml's offline plugin reads it)."""
    return os.environ.get("OFFLINE", "").strip().lower() in ("true", "yes", "1", "on")


def offline_bytes() -> int | None:
    """The offline copy's size in bytes, where the build was given it (KB_OFFLINE_BYTES), else None."""
    value = os.environ.get("KB_OFFLINE_BYTES", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def license_data() -> dict[str, str]:
    """What the open data says about its licence."""
    return {
        "content_and_data": CONTENT_LICENSE,
        "url": CONTENT_LICENSE_URL,
        "code": CODE_LICENSE,
        "attribution": "Japan–US Tariff Talks Knowledge Base and its contributors",
    }
