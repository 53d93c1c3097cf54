"""Who is who in an article: speakers and actors resolved to names, roles, sides and kinds.

Shared by the statements stage (who said it) and the events stage (who did it to
whom): `resolve.Resolver` turns a mention ("he", "the Kremlin", "presidential
adviser Mykhailo Podolyak") into a `Speaker`; `lexicon.actor_lexicon` is its rule
data (actors.yaml).
"""
