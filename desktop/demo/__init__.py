"""Made-up demo data: communities in several countries and languages with their whole
story - partnership, cycles, meetings, harms ranked and selected, actions, monitoring,
reflections, links with formal actors and mentor reviews.

No real people and no individual child records: everything is community-level and
invented. ``generate.generate_demo`` refuses a database that already holds communities.
Modules are imported by their own names: importing one never loads the others.
"""
