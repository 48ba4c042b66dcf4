"""Upload validation: what the bytes are (by magic, never by the client's word), how big, and their hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from lib.errors import EmptyUpload, PayloadTooLarge, UnsupportedMediaType

__all__ = ["MediaType", "Upload", "sniff_media_type", "validate_upload"]

MediaType = Literal["application/pdf", "image/jpeg", "image/png"]

_MAGIC: tuple[tuple[bytes, MediaType], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


@dataclass(frozen=True, slots=True)
class Upload:
    filename: str
    media_type: MediaType
    data: bytes
    sha256: str

    @property
    def size_bytes(self) -> int:
        return len(self.data)


def sniff_media_type(data: bytes) -> MediaType | None:
    """The type the bytes really are. PDFs may carry junk before ``%PDF-`` (the spec allows 1 KiB)."""
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return media_type
    if b"%PDF-" in data[:1024]:
        return "application/pdf"
    return None


def validate_upload(
    data: bytes, filename: str, *, max_bytes: int, allowed_types: frozenset[str]
) -> Upload:
    """Check size and type before anything decodes the bytes.

    Raises:
        EmptyUpload: zero bytes.
        PayloadTooLarge: more than ``max_bytes``.
        UnsupportedMediaType: not a PDF/JPEG/PNG by its magic bytes, or a type the settings do not allow.
    """
    if not data:
        raise EmptyUpload(f"'{filename}' is empty (0 bytes)")
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"'{filename}' is {len(data) / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.1f} MB (MAX_UPLOAD_MB)"
        )
    media_type = sniff_media_type(data)
    if media_type is None:
        raise UnsupportedMediaType(
            f"'{filename}' is not a PDF, JPEG or PNG (checked by content, not by name); "
            f"accepted: {', '.join(sorted(allowed_types))}"
        )
    if media_type not in allowed_types:
        raise UnsupportedMediaType(f"'{filename}' is {media_type}, which this service does not accept "
                                   f"(ALLOWED_CONTENT_TYPES={','.join(sorted(allowed_types))})")
    return Upload(filename=filename, media_type=media_type, data=data, sha256=hashlib.sha256(data).hexdigest())
