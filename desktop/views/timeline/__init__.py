"""The timeline screens: a community's cycles over time, and all communities at a glance."""
