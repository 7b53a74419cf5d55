"""An upper bound on the total of a grouping, so the summary can say how close it is.

`group` picks the relaxation; `lagrange` is the pair bound for two seniors a group
(Lagrangian relaxation of the juniors' one-group rows, subgradient steps); `values`
and `lists` compute its team values, exactly and from each senior's short list;
`sparse` bounds the best assignment on them, solved on few edges and certified on all;
`stale` carries a step's table to the next step's prices.
"""
