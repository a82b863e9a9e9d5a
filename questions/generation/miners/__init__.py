"""Structure miners: each reads the corpus (and term facts) and proposes candidate questions."""
