"""A workspace: one advisor's folder holding the case database, attachments, settings and data updates."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from hubdesk.domain.reference import ReferenceData, default_reference_path, load_reference_data
from hubdesk.kernel.errors import StorageError
from hubdesk.kernel.i18n import N_
from hubdesk.kernel.paths import default_data_dir, resources_dir
from hubdesk.services.settings import Settings, load_settings, save_settings
from hubdesk.store import Store
from hubdesk.sync.outbox import install as install_outbox

DATABASE_FILE = "hubdesk.sqlite"


class Workspace:
    """Opens (creating if needed) the folder and its store; the one object every use case takes."""

    def __init__(self, data_dir: Path, store: Store, settings: Settings) -> None:
        self.data_dir = data_dir
        self.store = store
        self._settings = settings

    @classmethod
    def open(cls, data_dir: Path | None = None) -> Workspace:
        folder = (data_dir or default_data_dir()).expanduser().resolve()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                N_("The workspace folder {path} cannot be created: {reason}"),
                path=str(folder),
                reason=error.strerror or str(error),
            ) from error
        settings = load_settings(folder)
        store = Store.open(folder / DATABASE_FILE)
        if not (folder / "settings.json").exists():
            save_settings(folder, settings)
        install_outbox(store, settings.device_id)  # every edit, from any face, is queued for sync
        return cls(folder, store, settings)

    @property
    def settings(self) -> Settings:
        return self._settings

    def update_settings(self, settings: Settings) -> None:
        save_settings(self.data_dir, settings)
        self._settings = settings

    @property
    def device_id(self) -> str:
        return self._settings.device_id

    @property
    def forms_dir(self) -> Path:
        """Form definitions received from the server, next to the shipped ones."""
        return self.data_dir / "forms"

    @property
    def shipped_forms_dir(self) -> Path:
        return resources_dir() / "forms"

    @property
    def reference_path(self) -> Path:
        received = self.data_dir / "reference" / "brussels.json"
        return received if received.exists() else default_reference_path()

    @property
    def reference(self) -> ReferenceData:
        return load_reference_data(self.reference_path)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
