package no.arealbank.features;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.arealbank.PgbenchSql;

/**
 * Benchmark harness (not a test): prints the SQL statements the service runs for one OGC items request, as a
 * pgbench script, so that {@code bench/features} can compare the service with "the same SQL" run by pgbench.
 *
 * <p>The statements are not rebuilt here: the request parameters go through {@link ItemsParameters#parse} and the
 * real {@link FeatureQueries#count} and {@link FeatureQueries#page}, whose {@link JdbcClient} is a recorder that
 * captures the SQL text and the bound parameters instead of running them. The named parameters are then replaced
 * the way Spring does it ({@link NamedParameterUtils}) and each value is written as a typed SQL literal
 * (doubles with full precision as {@code '…'::float8}, timestamps as quoted {@code timestamptz}).
 *
 * <pre>
 * java -cp target/classes:&lt;test classes&gt;:&lt;dependencies&gt; no.arealbank.features.FeaturesBenchSql \
 *     [--prepared] [--tx] plots bbox=8.47,59.39,8.51,59.41 limit=100
 * </pre>
 *
 * Arguments: the collection id, then the items query parameters as {@code name=value} (exactly what a client puts in
 * the query string, unencoded). Output: one statement per line, each ending in {@code ;}.
 * <ul>
 * <li>{@code --tx} wraps the statements in {@code BEGIN READ ONLY; … COMMIT;} as the service's read-only
 * transaction does;</li>
 * <li>{@code --prepared} keeps the parameters as pgbench variables ({@code \set p1 …}, {@code :p1}) for
 * {@code pgbench -M prepared}, which uses server-side prepared statements like pgjdbc does after
 * {@code prepareThreshold} (5) executions, and so meets the same custom/generic plan choice (numbers only).</li>
 * </ul>
 */
public final class FeaturesBenchSql {

    private FeaturesBenchSql() {
    }

    /** One captured statement: SQL text with Spring named parameters and the values bound to them. */
    record Captured(String sql, Map<String, Object> params) {
    }

    public static void main(String[] args) {
        boolean prepared = false;
        boolean tx = false;
        String collection = null;
        Map<String, String> query = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--prepared")) {
                prepared = true;
            } else if (arg.equals("--tx")) {
                tx = true;
            } else if (arg.startsWith("--")) {
                usage("unknown option " + arg);
            } else if (collection == null) {
                collection = arg;
            } else {
                int eq = arg.indexOf('=');
                if (eq <= 0) {
                    usage("expected name=value, got '" + arg + "'");
                }
                query.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        if (collection == null) {
            usage("missing collection id");
        }
        List<Captured> statements = capture(collection, query);
        StringBuilder out = new StringBuilder();
        if (tx) {
            out.append("BEGIN READ ONLY;\n");
        }
        int[] next = {1};
        for (Captured c : statements) {
            out.append(prepared ? pgbenchVariables(c, next) : withLiterals(c)).append(";\n");
        }
        if (tx) {
            out.append("COMMIT;\n");
        }
        System.out.print(out);
    }

    private static void usage(String problem) {
        System.err.println("FeaturesBenchSql: " + problem);
        System.err.println("usage: FeaturesBenchSql [--prepared] [--tx] <collection> [name=value ...]");
        System.exit(2);
    }

    /** Runs the service's own query building for the request and returns what it would send, in order. */
    static List<Captured> capture(String collectionId, Map<String, String> query) {
        CollectionRegistry registry = new CollectionRegistry();
        FeatureCollectionDefinition c = registry.find(collectionId)
                .orElseThrow(() -> new IllegalArgumentException("no collection '" + collectionId + "'; known: "
                        + registry.ids()));
        // the defaults of FeaturesSettings (the application does not override arealbank.features.*)
        FeaturesSettings settings = new FeaturesSettings(100, 10000, "Arealbank");
        ItemsQuery q = ItemsParameters.parse(c, query, settings, new FilterTranslator(new CqlFilters()));
        List<Captured> captured = new ArrayList<>();
        FeatureQueries queries = new FeatureQueries(recorder(captured));
        // FeaturesController.items: count first, then the page, in one read-only transaction
        queries.count(q);
        queries.page(q, feature -> {
        });
        return captured;
    }

    /** A JdbcClient that records {@code sql(...)} and its parameters and returns no rows (count 0). */
    private static JdbcClient recorder(List<Captured> captured) {
        InvocationHandler client = (proxy, method, args) -> {
            if (method.getName().equals("sql")) {
                Captured c = new Captured((String) args[0], new LinkedHashMap<>());
                captured.add(c);
                return proxy(JdbcClient.StatementSpec.class, statement(c));
            }
            return unsupported(method);
        };
        return proxy(JdbcClient.class, client);
    }

    private static InvocationHandler statement(Captured c) {
        return (proxy, method, args) -> {
            switch (method.getName()) {
                case "params":
                    if (args[0] instanceof Map<?, ?> m) {
                        m.forEach((k, v) -> c.params().put((String) k, v));
                        return proxy;
                    }
                    return unsupported(method);
                case "param":
                    if (args.length >= 2 && args[0] instanceof String name) {
                        c.params().put(name, args[1]);
                        return proxy;
                    }
                    return unsupported(method);
                case "withFetchSize", "withMaxRows", "withQueryTimeout":
                    return proxy;
                case "query":
                    if (method.getReturnType() == void.class) {
                        return null; // RowCallbackHandler: no rows
                    }
                    if (method.getReturnType() == JdbcClient.MappedQuerySpec.class) {
                        return proxy(JdbcClient.MappedQuerySpec.class, (p, m, a) -> switch (m.getName()) {
                            case "single" -> 0L;
                            case "optional" -> Optional.empty();
                            case "list" -> List.of();
                            default -> unsupported(m);
                        });
                    }
                    return unsupported(method);
                default:
                    return unsupported(method);
            }
        };
    }

    private static Object unsupported(Method method) {
        throw new UnsupportedOperationException("FeaturesBenchSql's recorder does not support " + method
                + "; FeatureQueries changed: teach the recorder the new call");
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(FeaturesBenchSql.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /** The statement as Spring sends it (named parameters become placeholders) with each value as a SQL literal. */
    static String withLiterals(Captured c) {
        List<String> values = new ArrayList<>();
        for (Object v : PgbenchSql.values(c.sql(), c.params())) {
            values.add(PgbenchSql.literal(v));
        }
        return PgbenchSql.fill(c.sql(), c.params(), values);
    }

    /** The statement with pgbench variables {@code :pN} for {@code -M prepared}, preceded by their {@code \set}. */
    static String pgbenchVariables(Captured c, int[] next) {
        StringBuilder sets = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (Object v : PgbenchSql.values(c.sql(), c.params())) {
            if (!(v instanceof Number) || v instanceof BigDecimal) {
                throw new IllegalArgumentException("--prepared supports numeric parameters only, got " + v);
            }
            String name = "p" + next[0]++;
            String value = v instanceof Double || v instanceof Float ? PgbenchSql.doubleText(((Number) v).doubleValue())
                    : v.toString();
            sets.append("\\set ").append(name).append(' ').append(value).append('\n');
            // typed as pgjdbc binds them; an untyped 4326 would pick ST_Transform's proj-string overload
            String type = v instanceof Double || v instanceof Float ? "float8" : v instanceof Long ? "int8" : "int4";
            names.add(":" + name + "::" + type);
        }
        return sets + PgbenchSql.fill(c.sql(), c.params(), names);
    }
}
