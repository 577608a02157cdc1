"""Nytt ärende and Initiativ: the form and its fields."""
