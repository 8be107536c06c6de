"""The Plans tab: a patient's shared plan, agreed activities, suggestions, wellbeing measures and versions."""
