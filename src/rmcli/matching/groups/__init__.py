"""The group format: juniors and seniors in groups within size bounds.

`solve` runs the steps in order: `pairing` pairs the seniors (two per group), `build`
grows a grouping from senior teams with the exact steps of `seating` and `slots` and
the local search of `resplit`; `exact` makes sure it places the most people possible;
`bound` bounds the total; `reseat` is a last exact improvement. `grouping` holds the
index form of a grouping that these steps share.
"""
