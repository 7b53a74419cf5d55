"""The most people in groups: a count bound, a local repair, an exact model.

`feasible` settles a grouping (keeps it when it reaches the count, else repairs it);
`model` is the mixed-integer program (HiGHS through scipy), `rows` its constraints;
`regroup` wins back the score that a people-only repair ignored.
"""
