"""OCRlty library: ingest → ocr → document → kie → rules. Nothing here imports FastAPI."""

__version__ = "0.1.0"
