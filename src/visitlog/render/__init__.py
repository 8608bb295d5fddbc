"""Renderers: records in, text out. `jsonout` for machines, the others for people.

Nothing here computes a rule; nothing here is imported by the rules.
"""
