"""cleanse: text normalisation and content cleanup for scraped articles.

    import cleanse
    article = cleanse.clean(raw, url=None, kind="auto", config=None)

Raw text or HTML (str or bytes) goes in; a validated ``Article`` comes out,
with an exact, replayable log of every change (``article.edits``).
"""

from cleanse.config import Config
from cleanse.errors import CleanseError
from cleanse.models import Article, Edit, Entity, Failure, Flag, Mention, Stats, replay
from cleanse.pipeline import Input, Pipeline, clean

__all__ = [
    "Article",
    "CleanseError",
    "Config",
    "Edit",
    "Entity",
    "Failure",
    "Flag",
    "Input",
    "Mention",
    "Pipeline",
    "Stats",
    "clean",
    "replay",
]
__version__ = "0.1.0"
