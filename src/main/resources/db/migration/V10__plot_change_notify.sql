-- Every committed change to plot, whoever makes it (the application, psql, a bulk load), notifies the channel
-- arealbank_plot_changed, once per statement. The tile service listens and rebuilds its index of tiles that can
-- hold a plot (tiles.TileOccupancy); PostgreSQL delivers notifications only after commit and folds duplicates
-- within a transaction, so a large import sends one.
CREATE FUNCTION plot_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('arealbank_plot_changed', '');
    RETURN NULL;
END $$;

CREATE TRIGGER plot_changed_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plot
    FOR EACH STATEMENT EXECUTE FUNCTION plot_changed_notify();
