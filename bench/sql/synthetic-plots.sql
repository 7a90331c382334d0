-- Synthetic plots for benchmarks: :n plots (psql variable, e.g. -v n=50000) clustered around the rows of `place`.
--
--   psql -X -v ON_ERROR_STOP=1 -v n=50000 -f bench/sql/synthetic-plots.sql
--
-- Deterministic for a given :n and `place` table (setseed(0.42)). Inserted directly, not through the API, so no
-- change_history rows are written; every row has created_by = 'bench' and the set is removed with
--   DELETE FROM plot WHERE created_by = 'bench';
-- (this script does that first, so running it again replaces the set instead of adding to it).
--
-- Shape of the data:
--   * each place gets a share of the plots: kommunesenter weight 3, tettstad weight 1, times a seeded factor
--     0.5–1.5, so some places are clearly denser than others (the benchmark looks for the densest one);
--   * each place has its own spread (σ of a normal distribution) between 0.3 and 3 km, widened where its share of
--     plots would otherwise cover more than 80 % of the land at its centre; offsets are cut at 3σ;
--   * plots are rectangles (aspect 1–1.8) rotated up to ±20°: housing/combined 600–1,500 m², leisure
--     800–3,000 m², business 1,500–3,000 m² and one business plot in five 4,000–20,000 m²;
--   * ~95 % published, the rest drafts; purpose, availability, tenure, prices, fees, allocation, infrastructure,
--     matrikkel numbers (gnr 900+, clear of real ones) and a description in nn/nb/en are mixed.
-- Plots may overlap each other: nothing in the schema forbids it and the benchmark does not depend on it.
-- At the end the table is put in spatial order (CLUSTER), as plots registered plan by plan would be.

\set ON_ERROR_STOP on
\if :{?n}
\else
  \set n 50000
\endif

SELECT set_config('bench.n', :'n', false);
SELECT setseed(0.42);

DELETE FROM plot WHERE created_by = 'bench';

-- Per place: weight, spread (m) and the cumulative share used to assign plots to places.
SET client_min_messages = warning;
DROP TABLE IF EXISTS pg_temp.bench_place;
RESET client_min_messages;
CREATE TEMP TABLE bench_place AS
WITH w AS (
    SELECT id, municipality_number, name, ST_X(geom) AS x, ST_Y(geom) AS y,
           (CASE kind WHEN 'kommunesenter' THEN 3.0 ELSE 1.0 END) * (0.5 + random()) AS weight,
           300.0 + random() * 2700.0 AS sigma
    FROM (SELECT * FROM place ORDER BY id) p
)
SELECT id, municipality_number, name, x, y, lo, hi,
       -- Physically plausible density: a 2-D normal cluster of n plots of ~1,500 m² covers n·1500 / (2πσ²) of the
       -- land at its centre; σ grows with n so that this stays at most 80 % (plots may touch, not pile up). Without
       -- it, 500,000 plots around 24 places put 26,000 overlapping plots in one z14 tile.
       greatest(sigma, sqrt(current_setting('bench.n')::float8 * (hi - lo) * 1500 / (2 * pi() * 0.8))) AS sigma
FROM (SELECT id, municipality_number, name, x, y, sigma,
             coalesce(lag(hi) OVER (ORDER BY id), 0) AS lo,
             CASE WHEN id = max(id) OVER () THEN 1.0 ELSE hi END AS hi
      FROM (SELECT w.*, sum(weight) OVER (ORDER BY id) / sum(weight) OVER () AS hi FROM w) c) d;

DO $$
DECLARE
    total   integer := current_setting('bench.n')::integer;
    batch   constant integer := 10000;
    done    integer := 0;
    k       integer;
    started timestamptz := clock_timestamp();
BEGIN
    IF NOT EXISTS (SELECT 1 FROM bench_place) THEN
        RAISE EXCEPTION 'table place is empty: start the service with AREALBANK_SAMPLE=true first';
    END IF;
    WHILE done < total LOOP
        k := least(batch, total - done);
        INSERT INTO plot (municipality_number, name, gnr, bnr, purpose, allowed_uses, land_use_code, availability,
                          tenure, price_total, price_per_m2, ground_rent_yearly, fee_survey, fee_document, fee_water,
                          fee_sewer, fee_development, allocation, application_deadline, reservation_days,
                          building_deadline_years, residence_obligation_years, infra_road, infra_water, infra_sewer,
                          infra_power, infra_fibre, contact_name, contact_email, contact_phone, description,
                          published, geom, created_by, updated_by)
        SELECT r.municipality_number,
               r.place_name || ' (bench) tomt ' || r.i,
               CASE WHEN r.u_matrikkel < 0.7 THEN 900 + r.i / 5000 END,
               CASE WHEN r.u_matrikkel < 0.7 THEN 1 + r.i % 5000 END,
               r.purpose,
               CASE r.purpose
                   WHEN 'housing'  THEN ARRAY['bustad']
                   WHEN 'leisure'  THEN ARRAY['fritidsbustad']
                   WHEN 'business' THEN ARRAY['naering', 'industri', 'lager']
                   ELSE ARRAY['bustad', 'fritidsbustad'] END,
               CASE r.purpose WHEN 'housing' THEN 1110 WHEN 'leisure' THEN 1120 WHEN 'business' THEN 1300 ELSE 1800 END,
               CASE WHEN r.u_avail < 0.55 THEN 'available' WHEN r.u_avail < 0.70 THEN 'reserved'
                    WHEN r.u_avail < 0.85 THEN 'sold' ELSE 'planned' END,
               CASE WHEN r.u_tenure < 0.9 THEN 'sale' ELSE 'leasehold' END,
               CASE WHEN r.u_price < 0.5 THEN round((150000 + r.u_price * 1200000)::numeric, -3) END,
               CASE WHEN r.u_price >= 0.5 THEN round((50 + (r.u_price - 0.5) * 1000)::numeric, 0) END,
               CASE WHEN r.u_tenure >= 0.9 THEN round((3000 + r.u_tenure * 10000)::numeric, 0) END,
               25000, CASE WHEN r.u_tenure < 0.9 THEN 525 END,
               round((30000 + r.u_fee * 40000)::numeric, -2), round((25000 + r.u_fee * 35000)::numeric, -2),
               CASE WHEN r.u_fee < 0.3 THEN 0 ELSE round((r.u_fee * 150000)::numeric, -3) END,
               CASE WHEN r.u_alloc < 0.6 THEN 'first_come' WHEN r.u_alloc < 0.85 THEN 'lottery' ELSE 'waiting_list' END,
               CASE WHEN r.u_alloc >= 0.6 AND r.u_alloc < 0.85 THEN DATE '2026-03-01' + (r.i % 300) END,
               30,
               CASE r.purpose WHEN 'leisure' THEN NULL ELSE 2 + (r.i % 3) END,
               CASE WHEN r.purpose = 'housing' AND r.u_alloc < 0.3 THEN 5 END,
               CASE WHEN r.u_infra < 0.75 THEN 'yes' WHEN r.u_infra < 0.9 THEN 'planned' ELSE 'no' END,
               CASE WHEN r.u_infra < 0.65 THEN 'yes' WHEN r.u_infra < 0.9 THEN 'planned' ELSE 'no' END,
               CASE WHEN r.u_infra < 0.6 THEN 'yes' WHEN r.u_infra < 0.9 THEN 'planned' ELSE 'no' END,
               CASE WHEN r.u_infra < 0.8 THEN 'yes' ELSE 'planned' END,
               CASE WHEN r.u_infra < 0.5 THEN 'yes' WHEN r.u_infra < 0.8 THEN 'planned' ELSE 'no' END,
               m.name || ' kommune, tenestetorget',
               'postmottak@' || lower(translate(m.name, 'æøå ', 'aoa-')) || '.kommune.no',
               '+47 35 00 ' || lpad((r.i % 100)::text, 2, '0') || ' ' || lpad((r.i % 97)::text, 2, '0'),
               jsonb_build_object(
                   'nn', initcap(r.purpose_nn) || 'tomt ved ' || r.place_name || ', ' || round(r.area) || ' m².',
                   'nb', initcap(r.purpose_nn) || 'tomt ved ' || r.place_name || ', ' || round(r.area) || ' m².',
                   'en', 'Synthetic ' || r.purpose || ' plot near ' || r.place_name || ', ' || round(r.area) || ' m².'),
               r.u_published >= 0.05,
               ST_Multi(ST_Rotate(ST_MakeEnvelope(r.cx - r.w / 2, r.cy - r.h / 2, r.cx + r.w / 2, r.cy + r.h / 2, 25832),
                                  r.angle, r.cx, r.cy)),
               'bench', 'bench'
        FROM (
            SELECT s.*,
                   sqrt(s.area / s.aspect) * s.aspect AS w,
                   sqrt(s.area / s.aspect) AS h,
                   CASE s.purpose WHEN 'housing' THEN 'bustad' WHEN 'leisure' THEN 'fritids' WHEN 'business' THEN 'nærings'
                                  ELSE 'kombinert ' END AS purpose_nn
            FROM (
                SELECT g.i, g.u_place, g.u_matrikkel, g.u_avail, g.u_tenure, g.u_price, g.u_fee, g.u_alloc, g.u_infra,
                       g.u_published, g.purpose, g.aspect, g.angle,
                       CASE g.purpose
                           WHEN 'business' THEN CASE WHEN g.u_size2 < 0.2 THEN 4000 + g.u_size * 16000
                                                     ELSE 1500 + g.u_size * 1500 END
                           WHEN 'leisure' THEN 800 + g.u_size * 2200
                           ELSE 600 + g.u_size * 900 END AS area,
                       g.x0 AS cx, g.y0 AS cy, g.municipality_number, g.place_name
                FROM (
                    SELECT b.*, p.municipality_number, p.name AS place_name,
                           CASE WHEN b.u_purpose < 0.55 THEN 'housing' WHEN b.u_purpose < 0.75 THEN 'leisure'
                                WHEN b.u_purpose < 0.88 THEN 'business' ELSE 'combined' END AS purpose,
                           1.0 + b.u_aspect * 0.8 AS aspect,
                           radians(-20 + b.u_angle * 40) AS angle,
                           p.x + p.sigma * least(3.0, b.n_r) * cos(2 * pi() * b.n_t) AS x0,
                           p.y + p.sigma * least(3.0, b.n_r) * sin(2 * pi() * b.n_t) AS y0
                    FROM (
                        -- Box–Muller: radius sqrt(-2 ln u) and angle 2πv give a 2-D standard normal offset
                        SELECT i, random() AS u_place, sqrt(-2 * ln(1 - random())) AS n_r, random() AS n_t,
                               random() AS u_matrikkel, random() AS u_avail, random() AS u_tenure, random() AS u_price,
                               random() AS u_fee, random() AS u_alloc, random() AS u_infra, random() AS u_published,
                               random() AS u_purpose, random() AS u_size, random() AS u_size2, random() AS u_aspect,
                               random() AS u_angle
                        FROM generate_series(done + 1, done + k) AS i
                    ) b
                    JOIN bench_place p ON b.u_place >= p.lo AND b.u_place < p.hi
                ) g
            ) s
        ) r
        JOIN municipality m ON m.number = r.municipality_number;
        done := done + k;
        RAISE NOTICE 'synthetic plots: % of % inserted (% s)', done, total,
            round(extract(epoch FROM clock_timestamp() - started)::numeric, 1);
    END LOOP;
END
$$;

DROP TABLE pg_temp.bench_place;
-- Real plots arrive plan by plan, a few neighbours at a time, so neighbours share heap pages. Rows inserted in
-- random order, as above, are a worst case no real table has (the busiest tile's 1,200 plots on 1,200 pages):
-- put the table in spatial order once, as a plan-by-plan history would have left it.
CLUSTER plot USING plot_geom_gix;
ANALYZE plot;
SELECT count(*) AS bench_plots, count(*) FILTER (WHERE published) AS published,
       round(avg(area_m2)) AS avg_area_m2, round(max(area_m2)) AS max_area_m2
FROM plot WHERE created_by = 'bench';
