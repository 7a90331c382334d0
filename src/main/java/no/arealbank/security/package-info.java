/**
 * Who may do what. Owns the users (bcrypt hashes in {@code app_user}), the filter chain (HTTP Basic for API
 * clients, session + CSRF for the page), and the rule that planners write only in their own municipalities
 * while a regional admin covers all. Publishes {@link no.arealbank.security.Actor},
 * {@link no.arealbank.security.CurrentActor} and {@link no.arealbank.security.UserAccounts}.
 */
package no.arealbank.security;
