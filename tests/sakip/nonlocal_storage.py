"""A storage that keeps its files in memory and has no local path, the way S3Storage has none.

Set as the default storage, it shows which code still reaches for `FieldFile.path`, `storage.path()` or MEDIA_ROOT
where the file lives in the storage: `path()` raises NotImplementedError, exactly what django-storages' S3 backend
does, and nothing of it ever lands on the local disk.
"""

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.utils import timezone


class MemoryStorage(Storage):
    """Files by name in one dict shared by every instance (Django makes a new one whenever STORAGES changes)."""

    files: dict[str, tuple[bytes, datetime.datetime]] = {}

    @classmethod
    def clear(cls) -> None:
        cls.files.clear()

    @classmethod
    def age(cls, name: str, by: datetime.timedelta) -> None:
        """Make a file look written `by` earlier (clean_media leaves recent files alone)."""
        data, modified = cls.files[name]
        cls.files[name] = (data, modified - by)

    def _open(self, name: str, mode: str = "rb") -> ContentFile:
        if "w" in mode or "a" in mode:
            raise ValueError("MemoryStorage opens files for reading only; write with save()")
        try:
            data, _modified = self.files[name]
        except KeyError:
            raise FileNotFoundError(name) from None
        return ContentFile(data, name=name)

    def _save(self, name: str, content) -> str:
        self.files[name] = (b"".join(content.chunks()), timezone.now())
        return name

    def exists(self, name: str) -> bool:
        return name in self.files

    def delete(self, name: str) -> None:
        self.files.pop(name, None)

    def size(self, name: str) -> int:
        return len(self.files[name][0])

    def get_modified_time(self, name: str) -> datetime.datetime:
        return self.files[name][1]

    def get_created_time(self, name: str) -> datetime.datetime:
        return self.files[name][1]

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        """Folders exist only as prefixes of names, as in an object store: an unknown one is simply empty."""
        prefix = f"{path.strip('/')}/" if path.strip("/") else ""
        folders, files = set(), []
        for name in self.files:
            if name.startswith(prefix):
                head, slash, _rest = name[len(prefix) :].partition("/")
                if slash:
                    folders.add(head)
                else:
                    files.append(head)
        return sorted(folders), sorted(files)


class MemoryFiles:
    """MemoryStorage's files with the interface of tests.sakip.s3_server.BucketFiles, for tests run on both."""

    def __getitem__(self, name: str) -> tuple[bytes, datetime.datetime]:
        return MemoryStorage.files[name]

    def __contains__(self, name: str) -> bool:
        return name in MemoryStorage.files

    def items(self) -> list[tuple[str, tuple[bytes, datetime.datetime]]]:
        return list(MemoryStorage.files.items())

    def age(self, name: str, by: datetime.timedelta) -> None:
        MemoryStorage.age(name, by)

    def clear(self) -> None:
        MemoryStorage.clear()
