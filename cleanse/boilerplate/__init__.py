"""Building blocks of the ``boilerplate`` step.

- ``lines``: the text's lines with offsets, and removal of whole lines as edits
  that keep paragraph separation valid;
- ``packs``: rule packs (data in ``cleanse/data/boilerplate``) compiled into one
  alternation regex per scope;
- ``credits``: credit lines and bylines parsed into sources and authors;
- ``shape``: what a real paragraph looks like, and title repeats;
- ``learned``: per-site rules learned from a corpus (``cleanse learn``).
"""
