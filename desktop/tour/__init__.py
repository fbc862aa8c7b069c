"""The screenshot tour: every main screen and dialog of the app, rendered offscreen from a
database for the user guide and for tests that walk every screen (``clcp screenshots``).
A tool beside the app, not part of its screens: it drives the views from above.

``base.py`` holds the registry (:class:`~desktop.tour.base.Tour`, ``register_shot``),
``screens.py`` and ``timeline.py`` the shots, ``run.py`` the runner.
"""
