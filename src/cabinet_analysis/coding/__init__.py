"""Coding: the switches, the reading rule, regions and the registry of groups."""
