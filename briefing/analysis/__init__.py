"""The analysis layer: spaCy and the extractors, `analyze(articles) -> Analysis` per article.

Importing this package is cheap; spaCy is loaded only when analysis actually runs.
"""

from briefing.analysis.pipeline import ANALYZER_VERSION, ModelError, analyze, load_model

__all__ = ["ANALYZER_VERSION", "ModelError", "analyze", "load_model"]
