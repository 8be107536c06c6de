"""Reports for PCNs and commissioners: referrals, activities, outcomes and equality, as tables, PDF and CSV."""
