package no.arealbank.search;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a search text may also be besides a name: a matrikkel unit ("12/34", "4028 12/34", "12/34/1",
 * "gnr 12 bnr 34") or the start of a plan id ("4028-2015001", "4028-2015"). Values only; each is bound in SQL.
 *
 * @param municipality the current municipality number of a matrikkel query that names one (older numbers are
 *                     translated), else null
 * @param planPrefix   a lower-case LIKE prefix of plan ids ({@code _} escaped), else null
 */
record SearchTerms(String text, String municipality, Integer gnr, Integer bnr, Integer fnr, Integer snr,
        String planPrefix) {

    private static final Pattern SLASHED = Pattern.compile(
            "^(?:(\\d{4})\\s*[\\s-]\\s*)?(\\d{1,5})\\s*/\\s*(\\d{1,4})(?:\\s*/\\s*(\\d{1,4}))?(?:\\s*/\\s*(\\d{1,4}))?$");
    private static final Pattern WORDED = Pattern.compile(
            "^(?:(\\d{4})\\s+)?gnr\\.?\\s*(\\d{1,5})\\s*,?\\s*bnr\\.?\\s*(\\d{1,4})"
                    + "(?:\\s*,?\\s*fnr\\.?\\s*(\\d{1,4}))?(?:\\s*,?\\s*snr\\.?\\s*(\\d{1,4}))?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PLAN_ID = Pattern.compile("^\\d{4}-[A-Za-z0-9_.-]*$");

    /**
     * @param q                    the trimmed search text
     * @param currentMunicipality  maps a current or older municipality number to the current one
     */
    static SearchTerms parse(String q, Function<String, Optional<String>> currentMunicipality) {
        Matcher m = SLASHED.matcher(q);
        if (!m.matches()) {
            m = WORDED.matcher(q);
        }
        if (m.matches()) {
            String municipality = m.group(1) == null ? null
                    : currentMunicipality.apply(m.group(1)).orElse(m.group(1)); // an unknown number matches nothing
            return new SearchTerms(q, municipality, number(m.group(2)), number(m.group(3)), number(m.group(4)),
                    number(m.group(5)), null);
        }
        String planPrefix = PLAN_ID.matcher(q).matches()
                ? q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("_", "\\_")
                : null;
        return new SearchTerms(q, null, null, null, null, null, planPrefix);
    }

    private static Integer number(String digits) {
        return digits == null ? null : Integer.valueOf(digits);
    }
}
