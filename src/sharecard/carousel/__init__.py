"""Carousels: a briefing as a series of slides (`slides`, `slide`, `endslide`), written as
one searchable PDF (`document`, `pdf`, `textlayer`, `cairofonts`) and numbered PNGs
(`bundle`). `formats` says whether a bundle asks for one, without loading the rest."""
