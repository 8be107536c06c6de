"""Plans: what matters to me, goals and steps, agreed activities, plan versions and wellbeing measures.

Pure rules live in small modules (outcomes, statuses, fit, snapshots); use cases taking a
Store live in plans, activities, history, measures and suggestions.
"""
