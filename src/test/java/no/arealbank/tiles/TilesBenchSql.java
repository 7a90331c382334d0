package no.arealbank.tiles;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

import no.arealbank.PgbenchSql;

/**
 * Benchmark harness (not a test): prints the SQL statement the service runs for a tile, as a pgbench script, so
 * that {@code bench/tiles} can compare the service with "the same SQL" run by pgbench.
 *
 * <p>The statement is not rebuilt here: it comes from the service's own {@link TileQueries#mvtStatement} or
 * {@link TileQueries#rasterStatement} for the layer of {@link TileLayers} (the SQL text with Spring named parameters
 * and the values bound to them, including the EPSG:25832 index envelope computed in Java). The named parameters
 * are replaced the way Spring does it ({@link NamedParameterUtils}) and each value is written as a typed SQL literal
 * (doubles with full precision as {@code '…'::float8}), as in {@code no.arealbank.features.FeaturesBenchSql}.
 *
 * <pre>
 * java -cp &lt;jar classes&gt;:&lt;jar libs&gt;:&lt;harness&gt; no.arealbank.tiles.TilesBenchSql \
 *     [--prepared] [--out DIR] [--from FILE] plots/14/8660/4740.mvt plots/16/34640/18960.png ...
 * </pre>
 *
 * A tile is {@code layer/z/x/y.mvt}, {@code .png} or {@code @2x.png}, as in the service's path (a leading
 * {@code /tiles/} and anything after the first blank on a line of {@code --from} are ignored).
 * <ul>
 * <li>without {@code --out}, the statements are printed to standard output, one per line, each ending in
 * {@code ;};</li>
 * <li>{@code --out DIR} writes one pgbench script per tile, {@code DIR/001.sql}, {@code DIR/002.sql}, … in the
 * order given (for {@code pgbench -f DIR/001.sql@1 -f …}: a mix of tiles with equal weights);</li>
 * <li>{@code --prepared} keeps the numeric parameters as typed pgbench variables ({@code \set p1 …},
 * {@code :p1::float8}) for {@code pgbench -M prepared}, which uses server-side prepared statements like pgjdbc does
 * after {@code prepareThreshold} (5) executions, and so meets the same custom/generic plan choice. The layer name
 * (the only text parameter) stays a literal: pgbench variables hold numbers only.</li>
 * </ul>
 * A tile the service answers without asking the database (outside the data domain or the layer's zooms) is an
 * error here: there is no statement to measure.
 */
public final class TilesBenchSql {

    private static final Pattern TILE = Pattern.compile("(?:/?tiles/)?([a-z0-9-]+)/(\\d+)/(\\d+)/(\\d+)(@2x)?\\.(mvt|png)");

    private TilesBenchSql() {
    }

    public static void main(String[] args) throws IOException {
        boolean prepared = false;
        Path out = null;
        List<String> tiles = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--prepared")) {
                prepared = true;
            } else if (arg.equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else if (arg.equals("--from") && i + 1 < args.length) {
                for (String line : Files.readAllLines(Path.of(args[++i]), StandardCharsets.UTF_8)) {
                    String t = line.strip();
                    if (!t.isEmpty() && !t.startsWith("#")) {
                        tiles.add(t.split("\\s+")[0]);
                    }
                }
            } else if (arg.startsWith("--")) {
                usage("unknown option " + arg);
            } else {
                tiles.add(arg);
            }
        }
        if (tiles.isEmpty()) {
            usage("no tiles");
        }
        if (out != null) {
            Files.createDirectories(out);
        }
        StringBuilder all = new StringBuilder();
        int n = 0;
        for (String tile : tiles) {
            TileQueries.Statement s = statement(tile);
            String script = (prepared ? pgbenchVariables(s) : withLiterals(s)) + ";\n";
            n++;
            if (out != null) {
                Files.writeString(out.resolve(String.format("%03d.sql", n)), script, StandardCharsets.UTF_8);
            } else {
                all.append(script);
            }
        }
        System.out.print(all);
    }

    private static void usage(String problem) {
        System.err.println("TilesBenchSql: " + problem);
        System.err.println("usage: TilesBenchSql [--prepared] [--out DIR] [--from FILE] <layer/z/x/y.mvt|.png|@2x.png> ...");
        System.exit(2);
    }

    /** The service's statement for a tile path ({@link TilesController} parses the same shapes). */
    static TileQueries.Statement statement(String path) {
        Matcher m = TILE.matcher(path);
        TileFormat format = m.matches() ? TileFormat.of(m.group(6), m.group(5) != null) : null;
        if (format == null) {
            throw new IllegalArgumentException("not a tile path: " + path);
        }
        TileLayer layer = new TileLayers().find(m.group(1))
                .orElseThrow(() -> new IllegalArgumentException("no tile layer '" + m.group(1) + "'"));
        TileAddress address = new TileAddress(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)));
        // the statement methods do not touch the JdbcClient
        TileQueries queries = new TileQueries(null);
        TileQueries.Statement s = format == TileFormat.MVT ? queries.mvtStatement(layer, address)
                : queries.rasterStatement(layer, address, format.extent);
        if (s == null) {
            throw new IllegalArgumentException(path + ": the service answers this tile without a statement "
                    + "(outside the data domain or the layer's zooms)");
        }
        return s;
    }

    /** The statement as Spring sends it (named parameters become placeholders) with each value as a SQL literal. */
    static String withLiterals(TileQueries.Statement s) {
        List<String> values = new ArrayList<>();
        for (Object v : PgbenchSql.values(s.sql(), s.params())) {
            values.add(PgbenchSql.literal(v));
        }
        return PgbenchSql.fill(s.sql(), s.params(), values);
    }

    /** The statement with typed pgbench variables {@code :pN} for {@code -M prepared}, preceded by their {@code \set}. */
    static String pgbenchVariables(TileQueries.Statement s) {
        StringBuilder sets = new StringBuilder();
        List<String> names = new ArrayList<>();
        int next = 1;
        for (Object v : PgbenchSql.values(s.sql(), s.params())) {
            if (!(v instanceof Number) || v instanceof BigDecimal) {
                names.add(PgbenchSql.literal(v));
                continue;
            }
            String name = "p" + next++;
            String value = v instanceof Double || v instanceof Float ? PgbenchSql.doubleText(((Number) v).doubleValue())
                    : v.toString();
            sets.append("\\set ").append(name).append(' ').append(value).append('\n');
            // typed as pgjdbc binds them
            String type = v instanceof Double || v instanceof Float ? "float8" : v instanceof Long ? "int8" : "int4";
            names.add(":" + name + "::" + type);
        }
        return sets + PgbenchSql.fill(s.sql(), s.params(), names);
    }
}
