-- The figures engine (features/figures, issue 15) counts every figure from the tables for the
-- asked areas and window, so a write costs nothing beyond itself: the precomputed
-- area_figures (migration 012), recomputed whole on the first read after any write to a layer
-- it read (0.56–0.9 s at city scale, again and again under a stream of staff moves), has no
-- reader left. The data-version triggers stay: the tile cache keys on them.
DROP TABLE IF EXISTS area_figures;
DROP FUNCTION IF EXISTS area_figures_versions();
