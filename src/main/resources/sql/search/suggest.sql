-- Search suggestions for the map page (GET /api/search): one statement over municipalities, places, business hubs,
-- plans, public plots and matrikkel units. Names are compared folded (arealbank_fold, migration V6) and ranked by
-- arealbank_match_rank: the same name first, then names starting with the query, then a later word starting with it,
-- then the query inside a word. Ties go to the bigger thing (municipality, kommunesenter, village, hub, plan, plot),
-- then to the shorter label. Plans and plots, the tables that grow, are cut to :limit in their own branch, through
-- the trigram indexes on their folded names.
-- Binds :q (the trimmed query), :limit, and :municipality, :gnr, :bnr, :fnr, :snr, :planPrefix, each null unless the
-- query has that shape. Only published, non-archived plots are searched.
WITH candidates AS (
    SELECT 'municipality' AS type, 0 AS type_order, m.name AS label,
           'kommune ' || m.number || ' · ' || m.county_name AS detail,
           CASE WHEN m.number = :q
                  OR EXISTS (SELECT 1 FROM municipality_alias a WHERE a.number = m.number AND a.old_number = :q) THEN 0
                ELSE arealbank_match_rank(arealbank_fold(m.name), arealbank_fold(:q)) END AS rank,
           coalesce(ST_PointOnSurface(m.boundary),
                    (SELECT c.geom FROM place c WHERE c.municipality_number = m.number AND c.kind = 'kommunesenter'
                      ORDER BY c.id LIMIT 1)) AS point,
           m.boundary AS area, NULL::bigint AS plot_id, NULL::text AS plan_id
      FROM municipality m
     WHERE m.number = :q
        OR m.number IN (SELECT a.number FROM municipality_alias a WHERE a.old_number = :q)
        OR (arealbank_fold(:q) <> '' AND arealbank_fold(m.name) LIKE '%' || arealbank_fold(:q) || '%')
    UNION ALL
    SELECT 'place', CASE c.kind WHEN 'kommunesenter' THEN 1 ELSE 2 END, c.name, c.kind || ' · ' || m.name,
           arealbank_match_rank(arealbank_fold(c.name), arealbank_fold(:q)), c.geom, NULL, NULL, NULL
      FROM place c JOIN municipality m ON m.number = c.municipality_number
     WHERE arealbank_fold(:q) <> '' AND arealbank_fold(c.name) LIKE '%' || arealbank_fold(:q) || '%'
    UNION ALL
    SELECT 'hub', 3, h.name, 'næringshage · ' || m.name,
           arealbank_match_rank(arealbank_fold(h.name), arealbank_fold(:q)), h.geom, NULL, NULL, NULL
      FROM business_hub h JOIN municipality m ON m.number = h.municipality_number
     WHERE arealbank_fold(:q) <> '' AND arealbank_fold(h.name) LIKE '%' || arealbank_fold(:q) || '%'
    UNION ALL
    (SELECT 'plan', 4, pl.name, pl.plan_id || ' · ' || m.name,
            CASE WHEN lower(pl.plan_id) = lower(:q) THEN 0
                 WHEN lower(pl.plan_id) LIKE CAST(:planPrefix AS text) || '%' THEN 1
                 ELSE arealbank_match_rank(arealbank_fold(pl.name), arealbank_fold(:q)) END AS rank,
            ST_PointOnSurface(g.geom), g.geom, NULL, pl.plan_id
       FROM plan pl
       JOIN municipality m ON m.number = pl.municipality_number
       CROSS JOIN LATERAL (SELECT coalesce(pl.geom, (SELECT ST_Collect(z.geom) FROM zone z WHERE z.plan_id = pl.plan_id))
                                  AS geom) g
      WHERE lower(pl.plan_id) LIKE CAST(:planPrefix AS text) || '%'
         OR (arealbank_fold(:q) <> '' AND arealbank_fold(pl.name) LIKE '%' || arealbank_fold(:q) || '%')
      ORDER BY rank, length(pl.name), pl.plan_id
      LIMIT :limit)
    UNION ALL
    (SELECT 'plot', 5, p.name,
            m.name || CASE WHEN p.gnr IS NULL THEN '' ELSE ' · ' || concat_ws('/', p.gnr, p.bnr, p.fnr, p.snr) END,
            arealbank_match_rank(arealbank_fold(p.name), arealbank_fold(:q)) AS rank,
            ST_PointOnSurface(p.geom), p.geom, p.id, NULL
       FROM plot p JOIN municipality m ON m.number = p.municipality_number
      WHERE p.published AND p.archived_at IS NULL
        AND arealbank_fold(:q) <> '' AND arealbank_fold(p.name) LIKE '%' || arealbank_fold(:q) || '%'
      ORDER BY rank, length(p.name), p.id
      LIMIT :limit)
    UNION ALL
    (SELECT 'matrikkel', 0, p.municipality_number || ' ' || concat_ws('/', p.gnr, p.bnr, p.fnr, p.snr),
            p.name || ' · ' || m.name, 0, ST_PointOnSurface(p.geom), p.geom, p.id, NULL
       FROM plot p JOIN municipality m ON m.number = p.municipality_number
      WHERE CAST(:gnr AS integer) IS NOT NULL
        AND p.published AND p.archived_at IS NULL AND p.gnr IS NOT NULL
        AND p.gnr = CAST(:gnr AS integer) AND p.bnr = CAST(:bnr AS integer)
        AND (CAST(:fnr AS integer) IS NULL OR p.fnr = CAST(:fnr AS integer))
        AND (CAST(:snr AS integer) IS NULL OR p.snr = CAST(:snr AS integer))
        AND (CAST(:municipality AS text) IS NULL OR p.municipality_number = CAST(:municipality AS text))
      ORDER BY p.municipality_number, p.fnr NULLS FIRST, p.snr NULLS FIRST, p.id
      LIMIT :limit)
), top AS (
    SELECT c.*, row_number() OVER (ORDER BY c.rank, c.type_order, length(c.label), c.label, c.plot_id) AS ord
      FROM candidates c
     WHERE c.point IS NOT NULL
     ORDER BY ord
     LIMIT :limit
)
SELECT t.type, t.label, t.detail,
       round(ST_X(ST_Transform(t.point, 4326))::numeric, 6) AS lon,
       round(ST_Y(ST_Transform(t.point, 4326))::numeric, 6) AS lat,
       round(ST_XMin(b.box)::numeric, 6) AS min_lon, round(ST_YMin(b.box)::numeric, 6) AS min_lat,
       round(ST_XMax(b.box)::numeric, 6) AS max_lon, round(ST_YMax(b.box)::numeric, 6) AS max_lat,
       t.plot_id, t.plan_id
  FROM top t
  LEFT JOIN LATERAL (SELECT Box2D(ST_Transform(t.area, 4326)) AS box) b ON t.area IS NOT NULL
 ORDER BY t.ord
