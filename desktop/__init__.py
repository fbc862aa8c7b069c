"""CLCP Desktop: offline records for NGO offices supporting community-led child protection."""

__version__ = "0.1.0"
APP_NAME = "CLCP Desktop"
APP_AUTHOR = "CLCP"
