package no.arealbank.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in through an OpenID Connect provider (e.g. a municipality's Entra ID), active only when issuer URI, client
 * id and client secret are all set. {@code claim} names the ID token / user info claim that identifies the user;
 * {@code match} says which {@code app_user} column it is compared with ({@code email}, case-insensitive, or
 * {@code username}). {@code name} labels the button on the sign-in page. See docs/oidc.md.
 */
@ConfigurationProperties("arealbank.oidc")
record OidcSettings(
        String issuerUri,
        String clientId,
        String clientSecret,
        @DefaultValue("OpenID Connect") String name,
        @DefaultValue("email") String claim,
        @DefaultValue("email") String match,
        @DefaultValue({"openid", "profile", "email"}) List<String> scopes) {
}
