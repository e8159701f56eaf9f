"""Sluice's LocalStack plugin: a Lambda runtime executor that never runs a function (see executor.py)."""
