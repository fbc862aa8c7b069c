"""The entity framework every use case is built on: records, rules, errors, actors, audit
events and change notes.
"""
