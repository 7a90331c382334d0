package no.arealbank.shared;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Links to the current request with some query parameters changed (paging, format), keeping every other parameter.
 * Parameters are taken decoded and encoded exactly once, so an encoded {@code bbox} or a CQL2 filter survives any
 * number of pages unchanged.
 */
public final class RequestLinks {

    private RequestLinks() {
    }

    /**
     * @param changes parameters to set (a new one is appended, an existing one keeps its place); a {@code null}
     *                value removes the parameter
     */
    public static String current(Map<String, ?> changes) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        Map<String, String> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, values.length == 0 ? "" : values[0]));
        changes.forEach((name, value) -> {
            if (value == null) {
                params.remove(name);
            } else {
                params.put(name, value.toString());
            }
        });
        String base = ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null).build(true).toUriString();
        if (params.isEmpty()) {
            return base;
        }
        StringJoiner query = new StringJoiner("&", base + "?", "");
        params.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
        return query.toString();
    }

    /** Form-encodes, then leaves the characters a query may hold as they are (RFC 3986), for readable links. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2C", ",").replace("%3A", ":").replace("%2F", "/");
    }
}
