"""Building blocks of the ``typos`` step: word data, guards, and the three correctors."""
