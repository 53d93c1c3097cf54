"""Events: what happened, where, when, to whom, and how ACLED and PLOVER code it."""
