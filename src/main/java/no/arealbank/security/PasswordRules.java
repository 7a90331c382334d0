package no.arealbank.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a password must be (on create, reset and self-service change): at least {@value #MIN_LENGTH} characters,
 * not containing the username, and not one of a small list of passwords attackers try first (compared without
 * case). Length beats composition rules (NIST SP 800-63B), so there are none of those.
 */
final class PasswordRules {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 200;

    /** Common choices of 12 characters or more, English and Norwegian; shorter ones fail on length anyway. */
    private static final Set<String> COMMON = Set.of(
            "123456789012", "1234567890123", "12345678901234", "123456789012345", "1234567890123456",
            "111111111111", "000000000000", "123123123123", "121212121212", "abcdefghijkl", "abcd1234abcd",
            "password1234", "password12345", "password123456", "passwordpassword", "password1234!", "password123!",
            "qwertyuiop12", "qwertyuiop123", "qwertyuiopasdf", "qwertyuiopå", "qwertyuiopåæø", "1qaz2wsx3edc",
            "1q2w3e4r5t6y", "zaq12wsxcde3", "asdfghjklæø", "asdfghjkl123", "iloveyou1234", "welcome12345",
            "letmein12345", "changeme1234", "administrator", "administrator1", "sommerfugl123", "passord12345",
            "passord123456", "passordpassord", "velkommen123", "velkommen1234", "sommer2024!!", "sommer2025!!",
            "sommer2026!!", "vinter2024!!", "vinter2025!!", "vinter2026!!", "hemmelig1234", "norge1234567",
            "arealbank123", "arealbank1234", "arealbankdemo", "arealbank-demo", "kommune12345", "kommunen1234");

    private PasswordRules() {
    }

    /** Why {@code password} is not acceptable for {@code username}, or empty if it is. */
    static Optional<String> problem(String username, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("a password is required");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("must not contain the username");
        }
        if (COMMON.contains(lower) || lower.chars().distinct().count() == 1) {
            return Optional.of("is too common; choose a longer phrase of your own");
        }
        return Optional.empty();
    }
}
