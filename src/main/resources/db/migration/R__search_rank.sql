-- How well a folded name (arealbank_fold) matches a folded query, lower is better: 0 the same, 1 the name starts
-- with the query, 2 a later word starts with it, 3 it occurs inside a word. Folded names separate words by one space.
CREATE OR REPLACE FUNCTION arealbank_match_rank(name_f text, q_f text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE WHEN name_f = q_f THEN 0
                WHEN left(name_f, length(q_f)) = q_f THEN 1
                WHEN position(' ' || q_f IN name_f) > 0 THEN 2
                ELSE 3 END
$$;
