"""The pair formats (one-to-one, peer, project): one exact assignment, then project places.

`solve` builds the score matrix of the free people and bounds the total; `assign` is the
exact assignment (most pairs first, then the total or the fairest); `projects` puts the
pairs onto project places and joins the pairs of one project into its team.
"""
