"""Readers and writers: turning files into Inputs and results into files."""
