"""The Reports page: choosing a template or report, its options, and the preview."""
