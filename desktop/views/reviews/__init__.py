"""The mentor's screens: the reviews page, the review editor, follow-ups, benchmarks, inclusion
and comments.
"""
