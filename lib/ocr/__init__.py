"""OCR stages beyond the PaddleOCR adapter: per-script line recognizers and script detection."""
