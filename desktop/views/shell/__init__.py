"""The window around the screens: the main window, what every screen is given, the operation
runner, command gating and the shortcuts list.
"""
