package no.arealbank.security;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/auth/providers}: what the sign-in page needs to draw itself: the sign-in providers besides the
 * built-in user store (a "Sign in with ..." button only when OpenID Connect is configured), and the CSRF field the
 * form posts with (the form-parameter form of the token; scripts send the {@code XSRF-TOKEN} cookie as a header).
 */
@RestController
class SignInOptionsController {

    private final ObjectProvider<OidcSignIn> oidc;

    SignInOptionsController(ObjectProvider<OidcSignIn> oidc) {
        this.oidc = oidc;
    }

    record Provider(String id, String name, String href) {
    }

    record SignInOptions(String csrfParameter, String csrfToken, List<Provider> providers) {
    }

    @GetMapping(path = "/api/auth/providers", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SignInOptions> options(CsrfToken csrf) {
        OidcSignIn signIn = oidc.getIfAvailable();
        List<Provider> providers = signIn == null ? List.of()
                : List.of(new Provider(OidcSignIn.REGISTRATION_ID, signIn.name(),
                        "oauth2/authorization/" + OidcSignIn.REGISTRATION_ID));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new SignInOptions(csrf.getParameterName(), csrf.getToken(), providers));
    }
}
