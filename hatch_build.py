"""Compile the message catalogs (.po) into the .mo files that the wheel carries."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALES = Path("src") / "rmcli" / "locales"


class CatalogsHook(BuildHookInterface):  # type: ignore[type-arg]
    """Write each locales/<lang>/LC_MESSAGES/rmcli.mo next to its .po for the wheel."""

    PLUGIN_NAME = "catalogs"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile every catalog; fuzzy entries are left out, as by msgfmt."""
        if version == "editable":
            return  # rmcli compiles a checkout's catalogs when it first needs them
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        for po in sorted((root / LOCALES).glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle, abort_invalid=True)
            buffer = io.BytesIO()
            write_mo(buffer, catalog, use_fuzzy=False)
            mo = po.with_suffix(".mo")
            mo.write_bytes(buffer.getvalue())
            # .mo files are not in git (.gitignore), so name each one for the wheel.
            build_data["force_include"][str(mo)] = str(mo.relative_to(root / "src"))
