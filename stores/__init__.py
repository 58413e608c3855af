"""Where conversations are kept: the tracker store that forgets the eligibility self-check, and its retention."""
