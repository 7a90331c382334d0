-- Search suggestions (GET /api/search) compare names folded the way people type them: lower case, accents dropped,
-- å → a, ø → o, æ → ae, the older spelling aa → a (so "Vraadal" and "vradal" both find Vrådal), Sami letters to their
-- base letter, and every run of other characters as one space. Uppercase letters are in the translate list too, so
-- the result does not depend on the database's LC_CTYPE (lower() in the C locale leaves Å alone).
-- This function is here and not in an R__ file because indexes are built on it: changing it needs a new migration
-- that also rebuilds them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE FUNCTION arealbank_fold(s text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT btrim(regexp_replace(replace(replace(
               translate(lower(s), 'ÆØÅÄÖÜÉÈÊËÁÀÂÓÒÔÍÌÎÚÙÛÇÑČŠŽĐŊŦøåäöüéèêëáàâóòôíìîúùûçñčšžđŋŧ',
                                   'æoaæoueeeeaaaoooiiiuuucncszdntoaæoueeeeaaaoooiiiuuucncszdnt'),
               'æ', 'ae'), 'aa', 'a'), '[^a-z0-9]+', ' ', 'g'))
$$;

-- Trigram indexes answer "name contains" (and "starts with") on the folded names of the two tables that grow with
-- the country: plots (only the public ones are searched) and plans. Places, hubs and municipalities stay small.
CREATE INDEX plot_name_search_gix ON plot USING gin (arealbank_fold(name) gin_trgm_ops)
    WHERE published AND archived_at IS NULL;
CREATE INDEX plan_name_search_gix ON plan USING gin (arealbank_fold(name) gin_trgm_ops);
-- Plan ids by prefix ("4028-2015"), case-insensitively; text_pattern_ops because the database collation is not C.
CREATE INDEX plan_id_search_idx ON plan (lower(plan_id) text_pattern_ops);
-- gnr/bnr typed without a municipality number.
CREATE INDEX plot_matrikkel_search_idx ON plot (gnr, bnr)
    WHERE published AND archived_at IS NULL AND gnr IS NOT NULL;
