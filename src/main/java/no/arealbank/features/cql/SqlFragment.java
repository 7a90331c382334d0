package no.arealbank.features.cql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A translated filter: a boolean SQL expression with named parameters ({@code :cql0}, {@code :cql1}, ...) for
 * {@code JdbcClient} or {@code NamedParameterJdbcTemplate}, and their values in order of appearance.
 */
public record SqlFragment(String sql, Map<String, Object> params) {

    public SqlFragment {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
