package no.arealbank.security;

/** A signed-in principal backed by an {@code app_user}: the built-in store's user or an OpenID Connect sign-in. */
interface AccountPrincipal {

    ArealbankUser account();
}
