"""Formal actors of the child protection system and the community's linkages with them."""
