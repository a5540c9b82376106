"""Topics: paragraphs clustered into topics and themes, labelled, mapped, and extended."""

from models.topics.assign import StoredTopics, assign_new, misfit_share
from models.topics.keywords import topic_stopwords
from models.topics.model import ALGORITHM_VERSION, TopicModel
from models.topics.number import candidate_ks

__all__ = [
    "ALGORITHM_VERSION",
    "StoredTopics",
    "TopicModel",
    "assign_new",
    "candidate_ks",
    "misfit_share",
    "topic_stopwords",
]
