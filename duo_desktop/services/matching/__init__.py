"""Matching (step 4): who can be paired (rules), how well (scoring, with
reasons that explain each score), the best global set of proposals
(assignment) and the proposals' way to the first meeting (proposals).
No Qt here: the board, the CLI and the benchmark all use these functions."""
