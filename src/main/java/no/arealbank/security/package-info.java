/**
 * Who may do what. Owns the users (bcrypt hashes in {@code app_user}, managed by regional admins), the filter chain
 * (sign-in page and HTTP Basic behind one lockout, optional OpenID Connect, session + CSRF for the pages), the
 * sign-in log, and the rule that planners write only in their own municipalities while a regional admin covers all.
 * Publishes {@link no.arealbank.security.Actor}, {@link no.arealbank.security.CurrentActor} and
 * {@link no.arealbank.security.UserAccounts}; reads reference data and writes the audit module's change history.
 */
package no.arealbank.security;
