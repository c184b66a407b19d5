"""axe-core on every page type of the Japanese edition (``/ja/``), as test_axe.py does for the English one:
no serious or critical violation, with the same allowlist of the theme's own findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkers.conftest import BrowserThread
from checkers.support import AXE_JS, PageType, page_type_params, require
from checkers.test_axe import axe, describe, severe


@pytest.fixture(scope="module")
def axe_script() -> Path:
    return require(AXE_JS, "axe-core (npm)")


@pytest.mark.parametrize("page_type", page_type_params())
def test_no_serious_or_critical_violation_in_japanese(
    page_type: PageType, axe_script: Path, real_http: str, checkers_browser: BrowserThread
) -> None:
    violations, foreign = checkers_browser.run(axe, real_http + "ja/" + page_type.url())
    assert foreign == []
    found = severe(violations)
    assert not found, f"ja/{page_type.src}:\n{describe(found)}"
