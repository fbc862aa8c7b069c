"""The community list and one community's page with its panels (profile, cycles, partnership,
attachments).
"""
