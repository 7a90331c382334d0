package no.arealbank.enquiries;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import no.arealbank.shared.FieldProblem;
import no.arealbank.shared.InvalidContentException;

/**
 * Checks an enquiry and names every bad field by its JSON pointer (422). Lengths count characters as PostgreSQL
 * does (code points), so a valid enquiry always fits the table's checks; NUL, which PostgreSQL text cannot hold,
 * and other control characters are refused rather than failing at insert.
 */
@Component
class EnquiryValidator {

    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_MESSAGE = 5000;
    static final Set<String> LANGUAGES = Set.of("nn", "nb", "en");

    /**
     * Pragmatic address syntax (RFC 5321 shapes, internationalised domains allowed): a dot-atom local part of at
     * most 64 characters, then a domain of at least two labels whose last has two or more letters.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "^(?=.{1,64}@)[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+\\p{L}{2,63}$");
    /** Digits with the usual separators and an optional leading +: "+47 35 06 81 00", "(0047) 350-68100". */
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ().-]{5,30}$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final Pattern CONTROL_EXCEPT_LINES = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");

    /**
     * @param acceptLanguage the request's {@code Accept-Language}, used when the body names no language
     * @throws InvalidContentException naming every bad field
     */
    ValidEnquiry validate(EnquiryRequest r, String acceptLanguage) {
        List<FieldProblem> problems = new ArrayList<>();
        r.unknown().keySet().forEach(k -> problems.add(new FieldProblem("/" + escape(k), "unknown property")));

        if (r.plotId() == null) {
            problems.add(new FieldProblem("/plotId", "required"));
        } else if (r.plotId() <= 0) {
            problems.add(new FieldProblem("/plotId", "must be a plot id (a positive number)"));
        }

        String name = r.name() == null ? null : r.name().strip();
        if (name == null || name.isEmpty()) {
            problems.add(new FieldProblem("/name", "required"));
        } else if (length(name) > MAX_NAME) {
            problems.add(new FieldProblem("/name", "at most " + MAX_NAME + " characters"));
        } else if (CONTROL.matcher(name).find()) {
            problems.add(new FieldProblem("/name", "must not contain control characters"));
        }

        String email = r.email() == null ? null : r.email().strip();
        if (email == null || email.isEmpty()) {
            problems.add(new FieldProblem("/email", "required"));
        } else if (length(email) > MAX_EMAIL) {
            problems.add(new FieldProblem("/email", "at most " + MAX_EMAIL + " characters"));
        } else if (!EMAIL.matcher(email).matches()) {
            problems.add(new FieldProblem("/email", "not an e-mail address"));
        }

        String phone = r.phone() == null || r.phone().isBlank() ? null : r.phone().strip();
        if (phone != null && (!PHONE.matcher(phone).matches() || digits(phone) < 5 || digits(phone) > 15)) {
            problems.add(new FieldProblem("/phone",
                    "a phone number: 5 to 15 digits, optionally a leading + and spaces, dashes, dots or brackets"));
        }

        String message = r.message();
        if (message == null || message.isBlank()) {
            problems.add(new FieldProblem("/message", "required"));
        } else if (length(message.strip()) > MAX_MESSAGE) {
            problems.add(new FieldProblem("/message", "at most " + MAX_MESSAGE + " characters"));
        } else if (CONTROL_EXCEPT_LINES.matcher(message).find()) {
            problems.add(new FieldProblem("/message", "must not contain control characters other than line breaks and tabs"));
        }

        String language = r.language();
        if (language != null && !LANGUAGES.contains(language)) {
            problems.add(new FieldProblem("/language", "one of nn, nb, en"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidContentException(problems);
        }
        return new ValidEnquiry(r.plotId(), name, email, phone, message.strip(),
                language != null ? language : fromAcceptLanguage(acceptLanguage));
    }

    /** The best of nn, nb and en the sender's browser asks for ("no" is read as nb); null when none fits. */
    static String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String tag = range.getRange().toLowerCase(Locale.ROOT);
                String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
                if (LANGUAGES.contains(primary)) {
                    return primary;
                }
                if (primary.equals("no")) {
                    return "nb";
                }
            }
        } catch (IllegalArgumentException e) {
            return null; // a malformed header is not the sender's fault; answer in the default language
        }
        return null;
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static long digits(String s) {
        return s.chars().filter(Character::isDigit).count();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
